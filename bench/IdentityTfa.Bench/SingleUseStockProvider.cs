using System.Security.Cryptography;
using System.Text;
using IdentityTfa.Shop.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Bench;

/// <summary>
/// Identity's stock <c>PhoneNumberTokenProvider</c> with its codes made single use the way an app built on it would:
/// a correct code is accepted only if one guarded upsert records it as the account's last used code (a row in Identity's
/// own user-token table, written in the verify step's transaction). The benchmark's answer to "what does the stock
/// provider cost with the one guarantee IdentityTfa's verify step pays for"; attempts are still bounded only by lockout.
/// </summary>
internal sealed class SingleUseStockProvider(ShopDbContext db) : PhoneNumberTokenProvider<IdentityUser>
{
    public const string Name = "StockPhoneSingleUse";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<IdentityUser> manager, IdentityUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }

        // 1 row when this code differs from the last one used (a first use inserts, a later one updates); 0 for a replay.
        var used = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}:{token}")));
        var recorded = await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value") VALUES ({0}, {1}, {2}, {3})
            ON CONFLICT ("UserId", "LoginProvider", "Name") DO UPDATE SET "Value" = excluded."Value"
            WHERE "AspNetUserTokens"."Value" IS NULL OR "AspNetUserTokens"."Value" <> excluded."Value"
            """,
            user.Id, Name, "LastUsedCode", used);
        return recorded == 1;
    }
}
