namespace IdentityTfa.IntegrationTests.Security;

/// <summary>Recovery-code sign-in is a second factor like the others: lockout holds, failures count, both outcomes are audited.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class RecoveryCodeTests
{
    private const string RecoveryPage = "/Identity/Account/LoginWithRecoveryCode";

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account_and_a_locked_account_cannot_use_a_valid_one()
    {
        await using var shop = new ShopFactory();
        using var jane = shop.NewShopper();
        var codes = await RecoveryCodesThenPasswordStepAsync(jane);

        var answers = new List<Page>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await EnterRecoveryCodeAsync(jane, $"WRONG-2345{i + 2}"));
        }

        var validWhileLocked = await EnterRecoveryCodeAsync(jane, codes[0]);

        Assert.All(answers.Take(4), a => Assert.Contains("That recovery code is not valid or was already used.", a.Alerts));
        Assert.Contains("This account is locked.", answers[4].Alerts);
        Assert.Equal(RecoveryPage, validWhileLocked.Path);
        Assert.Contains("This account is locked.", validWhileLocked.Alerts);
        await using var scope = shop.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>();
        Assert.Equal(6, await audit.CountAsync(a => a.Type == "recovery.refused"));
        Assert.Equal(1, await audit.CountAsync(a => a.Type == "recovery.refused" && a.Detail == "account locked out"));
        Assert.Equal(0, await audit.CountAsync(a => a.Type == "recovery.used"));
    }

    [Fact]
    public async Task A_recovery_code_sign_in_is_audited_and_clears_the_failures_before_it()
    {
        await using var shop = new ShopFactory();
        using var jane = shop.NewShopper();
        var codes = await RecoveryCodesThenPasswordStepAsync(jane);
        for (var i = 0; i < 4; i++)
        {
            await EnterRecoveryCodeAsync(jane, $"WRONG-2345{i + 2}");
        }

        var signedIn = await EnterRecoveryCodeAsync(jane, codes[1]);

        Assert.Equal("/Identity/Account/RecoveryCodeUsed", signedIn.Path);
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        Assert.Equal(4, await db.Set<AuditEvent>().CountAsync(a => a.Type == "recovery.refused"));
        Assert.Equal(1, await db.Set<AuditEvent>().CountAsync(a => a.Type == "recovery.used"));
        Assert.Equal(0, (await db.Users.SingleAsync(u => u.Email == Email)).AccessFailedCount);
    }

    /// <summary>Jane registers and turns on text codes (keeping the recovery codes she is shown), signs out and gives her password again.</summary>
    private static async Task<IReadOnlyList<string>> RecoveryCodesThenPasswordStepAsync(Shopper jane)
    {
        await jane.RegisterAsync(Email);
        var codes = (await jane.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;
        await jane.SignOutAsync();
        await jane.PasswordStepAsync(Email, Journeys.Password);
        return codes;
    }

    private static async Task<Page> EnterRecoveryCodeAsync(Shopper jane, string code) =>
        await jane.SubmitAsync(await jane.GetAsync(RecoveryPage), "Sign in", ("Recovery code", code));
}
