using System.Security.Cryptography;
using IdentityTfa.Audit;
using IdentityTfa.Challenges;
using IdentityTfa.IntegrationTests.Support;
using IdentityTfa.TokenProviders;

namespace IdentityTfa.UnitTests.TokenProviders;

/// <summary>
/// A code is checked against its row as the database holds it: what another instance (or another request) did to the
/// code in the meantime (a newer code, the code used, its attempts taken) decides.
/// </summary>
public class CodesAcrossInstancesTests
{
    private const string Sms = TwoFactorProviderNames.Sms;

    [Fact]
    public async Task A_code_replaced_by_a_newer_one_from_another_instance_is_refused_where_it_was_sent_and_counts_as_a_wrong_try()
    {
        await using var a = await TwoFactorWorld.CreateAsync(Settings());
        await using var b = a.AnotherInstance();
        var user = await a.CreateUserAsync(Email, "+15551234567");
        var old = await a.GenerateSignInCodeAsync(user, Sms);
        var fresh = await b.GenerateSignInCodeAsync(user, Sms);

        var oldOnA = await a.VerifySignInCodeAsync(user, Sms, old);
        var freshOnA = await a.VerifySignInCodeAsync(user, Sms, fresh);

        Assert.False(oldOnA.Accepted);
        Assert.Equal(new VerifyResult.WrongCode(4), oldOnA.Result);
        Assert.True(freshOnA.Accepted);
    }

    [Fact]
    public async Task A_code_used_on_another_instance_is_not_accepted_again_where_it_was_sent()
    {
        await using var a = await TwoFactorWorld.CreateAsync(Settings());
        await using var b = a.AnotherInstance();
        var user = await a.CreateUserAsync(Email, "+15551234567");
        var code = await a.GenerateSignInCodeAsync(user, Sms);

        var onB = await b.VerifySignInCodeAsync(user, Sms, code);
        var againOnA = await a.VerifySignInCodeAsync(user, Sms, code);

        Assert.True(onB.Accepted);
        Assert.False(againOnA.Accepted);
        Assert.IsType<VerifyResult.NoActiveCode>(againOnA.Result);
    }

    [Fact]
    public async Task Attempts_used_up_on_another_instance_refuse_the_right_code_where_it_was_sent()
    {
        await using var a = await TwoFactorWorld.CreateAsync(Settings());
        await using var b = a.AnotherInstance();
        var user = await a.CreateUserAsync(Email, "+15551234567");
        var code = await a.GenerateSignInCodeAsync(user, Sms);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            a.Time.Advance(TimeSpan.FromSeconds(10));
            Assert.False((await b.VerifySignInCodeAsync(user, Sms, WrongCode.For(code))).Accepted);
        }

        var right = await a.VerifySignInCodeAsync(user, Sms, code);

        Assert.False(right.Accepted);
        Assert.IsType<VerifyResult.AttemptsExhausted>(right.Result);
        Assert.Equal(ChallengeState.Exhausted, Assert.Single(await a.ChallengesAsync()).State);
    }

    [Fact]
    public async Task The_audit_row_names_the_channel_the_code_went_by_whichever_provider_checks_it()
    {
        await using var world = await TwoFactorWorld.CreateAsync(Settings());
        await using var other = world.AnotherInstance();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var bySms = await world.GenerateSignInCodeAsync(user, Sms);
        Assert.True((await world.VerifySignInCodeAsync(user, TwoFactorProviderNames.Voice, bySms)).Accepted);
        var byEmail = await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Email);
        Assert.True((await other.VerifySignInCodeAsync(user, Sms, byEmail)).Accepted);

        await using var scope = world.NewScope();
        var verified = await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Type == AuditEventTypes.CodeVerified).OrderBy(e => e.Id).Select(e => e.Channel).ToListAsync();
        Assert.Equal(["Sms", "Email"], verified);
    }

    // One configured key, so that both instances hash codes alike, as several instances in production must.
    [Fact]
    public async Task A_new_code_sent_between_the_read_ahead_and_the_check_is_the_code_checked()
    {
        await using var a = await TwoFactorWorld.CreateAsync(Settings());
        var user = await a.CreateUserAsync(Email, "+15551234567");
        await a.GenerateSignInCodeAsync(user, Sms);
        await using var step = a.NewScope();
        var store = step.ServiceProvider.GetRequiredService<ChallengeStore>();
        await store.ReadAheadAsync(user.Id, TokenPurposes.TwoFactor, CancellationToken.None);

        // "Send new code" in another request, after this step read the waiting row and before it checks the code.
        var fresh = await a.GenerateSignInCodeAsync(user, Sms);
        var result = await store.VerifyAsync(user.Id, TokenPurposes.TwoFactor, fresh, verifyRate: null, CancellationToken.None);

        Assert.IsType<VerifyResult.Verified>(result);
        Assert.Contains(await a.ChallengesAsync(), c => c.State == ChallengeState.Used);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["IdentityTfa:CodeHashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

}
