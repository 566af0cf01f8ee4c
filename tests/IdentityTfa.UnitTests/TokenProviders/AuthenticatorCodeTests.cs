using IdentityTfa.Authenticator;
using IdentityTfa.Challenges;
using IdentityTfa.TokenProviders;

namespace IdentityTfa.UnitTests.TokenProviders;

/// <summary>Authenticator-app codes (TOTP) are accepted once: the time-step guard refuses a replayed code and an older one.</summary>
public class AuthenticatorCodeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_right_code_signs_in_once_and_the_same_code_is_refused_afterwards()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var (user, key) = await EnrolAsync(world);
        var code = AuthenticatorCodes.Compute(key, world.Time.GetUtcNow());

        Assert.True((await VerifyAsync(world, user, code)).Accepted);
        // Within the same 30 seconds, the same code (a shoulder-surfer's or a phishing proxy's) gets nothing.
        var replay = await VerifyAsync(world, user, code);
        Assert.False(replay.Accepted);
        Assert.IsType<VerifyResult.WrongCode>(replay.Result);

        // Still refused a step later, while the skew would let its time window match.
        world.Time.Advance(Step);
        Assert.False((await VerifyAsync(world, user, code)).Accepted);
    }

    [Fact]
    public async Task A_code_of_an_earlier_step_than_the_last_used_is_refused()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var (user, key) = await EnrolAsync(world);
        var earlier = AuthenticatorCodes.Compute(key, world.Time.GetUtcNow() - Step);
        var now = AuthenticatorCodes.Compute(key, world.Time.GetUtcNow());

        Assert.True((await VerifyAsync(world, user, now)).Accepted);
        Assert.False((await VerifyAsync(world, user, earlier)).Accepted);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(1, true)]
    [InlineData(-2, false)]
    [InlineData(2, false)]
    public async Task A_code_one_step_early_or_late_is_accepted_two_steps_are_not(int steps, bool accepted)
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var (user, key) = await EnrolAsync(world);
        var code = AuthenticatorCodes.Compute(key, world.Time.GetUtcNow() + (steps * Step));

        Assert.Equal(accepted, (await VerifyAsync(world, user, code)).Accepted);
    }

    [Fact]
    public void The_time_step_and_the_skew_are_options()
    {
        var key = Base32();
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var sixty = new AuthenticatorOptions { TimeStep = TimeSpan.FromSeconds(60), AllowedSkewSteps = 0 };
        var code = AuthenticatorCodes.Compute(key, now, sixty);

        Assert.Equal(now.ToUnixTimeSeconds() / 60, AuthenticatorCodes.Match(key, code, now, 0, sixty));
        Assert.Null(AuthenticatorCodes.Match(key, code, now + TimeSpan.FromSeconds(60), 0, sixty));
        Assert.Null(AuthenticatorCodes.Match(key, code, now, now.ToUnixTimeSeconds() / 60, sixty));
        Assert.Equal("abcd efgh ijkl", AuthenticatorCodes.Grouped("ABCDEFGHIJKL"));
    }

    private static string Base32() => "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static async Task<(IdentityUser User, string Key)> EnrolAsync(TwoFactorWorld world)
    {
        var user = await world.CreateUserAsync(Email);
        var key = await world.InRequestAsync(user, async (users, u, _) =>
        {
            await users.ResetAuthenticatorKeyAsync(u);
            return (await users.GetAuthenticatorKeyAsync(u))!;
        });
        await world.EnableMethodAsync(user, DeliveryChannel.Authenticator);
        return (user, key);
    }

    /// <summary>As the verify screen does: "Use your authenticator app" opens a challenge, then the code is checked.</summary>
    private static async Task<(bool Accepted, VerifyResult? Result)> VerifyAsync(TwoFactorWorld world, IdentityUser user, string code)
    {
        await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Authenticator);
        return await world.VerifySignInCodeAsync(user, TwoFactorProviderNames.Authenticator, code);
    }
}
