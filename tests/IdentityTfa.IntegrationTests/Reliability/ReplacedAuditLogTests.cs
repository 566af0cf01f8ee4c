using IdentityTfa.Audit;
using IdentityTfa.IntegrationTests.Api;

namespace IdentityTfa.IntegrationTests.Reliability;

/// <summary>
/// An app may replace the audit log with its own: the verify step (screen, recovery code and token API) writes through
/// the interface, so the replacement receives every refusal and sign-in, and none lands in the built-in table.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ReplacedAuditLogTests
{
    [Fact]
    public async Task A_replaced_audit_log_receives_the_verify_screens_refusal_and_sign_in()
    {
        var log = new RecordingAuditLog();
        await using var shop = new ShopFactory { ReplaceServices = log.Register };
        using var jane = await shop.EnrolledShopperAsync(Email);
        log.Entries.Clear();

        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        var code = await DevInbox.LatestCodeAsync(jane, Phone);
        var refused = await jane.EnterCodeAsync(verify, WrongCode.For(code));
        var signedIn = await jane.EnterCodeAsync(refused, code);

        Assert.Contains("That code is not right. You have 4 attempts left.", refused.Alerts);
        Assert.Equal("/", signedIn.Path);
        Assert.Equal(
            [AuditEventTypes.CodeRejected, AuditEventTypes.CodeVerified, AuditEventTypes.SignedIn],
            log.Entries.Select(e => e.Type).Where(t => t is not AuditEventTypes.CodeSent));
        Assert.Equal("amr=mfa", log.Entries.Single(e => e.Type == AuditEventTypes.SignedIn).Detail);
        Assert.Equal(0, await AuditRowsAsync(shop));
    }

    [Fact]
    public async Task A_replaced_audit_log_receives_the_token_apis_refusal_and_sign_in()
    {
        var log = new RecordingAuditLog();
        await using var shop = new ShopFactory { ReplaceServices = log.Register };
        var (app, challengeId, code) = await TokenApiClient.PastThePasswordAsync(shop);

        var wrong = await app.PostAsync("/api/auth/token", new { challengeId, code = WrongCode.For(code) });
        var right = await app.PostAsync("/api/auth/token", new { challengeId, code });

        Assert.Equal(401, wrong.Status);
        Assert.Equal(200, right.Status);
        Assert.Single(log.Entries, e => e.Type == AuditEventTypes.CodeRejected && e.Detail == "wrong code, 4 attempts left");
        Assert.Single(log.Entries, e => e.Type == AuditEventTypes.SignedIn && e.Detail == "amr=mfa");
        Assert.Equal(0, await AuditRowsAsync(shop));
    }

    [Fact]
    public async Task A_replaced_audit_log_receives_a_refused_recovery_code_and_the_lockout()
    {
        var log = new RecordingAuditLog();
        await using var shop = new ShopFactory { ReplaceServices = log.Register };
        using var jane = shop.NewShopper();
        await jane.RegisterAsync(Email);
        await jane.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone);
        await jane.SignOutAsync();
        await jane.PasswordStepAsync(Email, Journeys.Password);

        for (var i = 0; i < 5; i++)
        {
            await jane.SubmitAsync(await jane.GetAsync("/Identity/Account/LoginWithRecoveryCode"), "Sign in", ("Recovery code", $"WRONG-2345{i + 2}"));
        }

        Assert.Equal(5, log.Entries.Count(e => e.Type == AuditEventTypes.RecoveryCodeRefused));
        Assert.Single(log.Entries, e => e.Type == AuditEventTypes.LockedOut);
        Assert.Equal(0, await AuditRowsAsync(shop));
    }

    private static async Task<int> AuditRowsAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityTfa.Shop.Data.ShopDbContext>();
        return db.Set<IdentityTfa.Entities.AuditEvent>().Count();
    }
}
