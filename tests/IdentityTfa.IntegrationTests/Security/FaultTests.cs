namespace IdentityTfa.IntegrationTests.Security;

/// <summary>Faults the shop must survive; each fails if something is lost or a user is left stuck.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Reliability")]
public class FaultTests(SecurityFigures figures)
{
    [Fact]
    public async Task A_restart_between_sending_the_code_and_entering_it_loses_nothing()
    {
        var cookies = new CookieContainer();
        string code;
        string databasePath;
        Page verify;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using (var before = new ShopFactory { KeepDatabase = true, Time = clock })
        {
            await before.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
            using var shopper = before.NewShopper(cookies: cookies);
            verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
            code = await DevInbox.LatestCodeAsync(shopper, Phone);
            databasePath = before.DatabasePath;
        }

        await using var after = new ShopFactory(databasePath: databasePath) { Time = clock };
        using var same = after.NewShopper(cookies: cookies);
        var signedIn = await same.EnterCodeAsync(verify, code, trustDevice: true);

        Assert.Equal("/", signedIn.Path);
        figures.Set("faults.restart_mid_sign_in.survived", 1);
    }

    [Fact]
    public async Task Two_hundred_concurrent_sign_ins_with_codes_complete_with_no_error_and_no_lost_audit_row()
    {
        const int shoppers = 200;
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Policies:SignIn:ResendCooldown"] = "00:00:00" });
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var hash = users.PasswordHasher.HashPassword(new Microsoft.AspNetCore.Identity.IdentityUser(), Journeys.Password);
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            for (var i = 0; i < shoppers; i++)
            {
                var email = $"load{i:D3}@example.com";
                var id = Guid.NewGuid().ToString();
                db.Users.Add(new Microsoft.AspNetCore.Identity.IdentityUser
                {
                    Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString(), TwoFactorEnabled = true, LockoutEnabled = true,
                });
                db.Set<TwoFactorMethod>().Add(new TwoFactorMethod { UserId = id, Channel = DeliveryChannel.Email, IsPreferred = true, EnabledAt = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();
        }

        var failures = 0;
        var signedIn = 0;
        await Task.WhenAll(Enumerable.Range(0, shoppers).Select(async i =>
        {
            try
            {
                var email = $"load{i:D3}@example.com";
                using var shopper = shop.NewShopper();
                var (verify, code) = await shopper.PasswordStepAndCodeAsync(email, email);
                var page = await shopper.EnterCodeAsync(verify, code);
                if (page.Path == "/")
                {
                    Interlocked.Increment(ref signedIn);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        }));

        await using var check = shop.Services.CreateAsyncScope();
        var audit = check.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>();
        Assert.Equal(0, failures);
        Assert.Equal(shoppers, signedIn);
        Assert.Equal(shoppers, await audit.CountAsync(a => a.Type == "code.sent"));
        Assert.Equal(shoppers, await audit.CountAsync(a => a.Type == "code.verified"));
        Assert.Equal(shoppers, await audit.CountAsync(a => a.Type == "account.signed_in"));
        figures.Set("load.concurrent_sign_ins.completed", signedIn);
        figures.Set("load.audit_rows.lost", 0);
    }
}
