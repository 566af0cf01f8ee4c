using System.Text;
using IdentityTfa.Challenges;
using IdentityTfa.IntegrationTests.Support;
using IdentityTfa.TokenProviders;

namespace IdentityTfa.UnitTests.TokenProviders;

public class ChallengeTokenProviderTests
{
    private const string Sms = TwoFactorProviderNames.Sms;

    [Fact]
    public async Task A_code_is_accepted_once_and_never_again()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);

        var first = await world.VerifySignInCodeAsync(user, Sms, code);
        var second = await world.VerifySignInCodeAsync(user, Sms, code);

        Assert.True(first.Accepted);
        Assert.IsType<VerifyResult.Verified>(first.Result);
        Assert.False(second.Accepted);
        Assert.IsType<VerifyResult.NoActiveCode>(second.Result);
    }

    [Fact]
    public async Task A_code_is_accepted_until_the_last_tick_of_its_lifetime()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);

        world.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(10));

        Assert.True((await world.VerifySignInCodeAsync(user, Sms, code)).Accepted);
    }

    [Fact]
    public async Task A_code_expires_at_exactly_its_lifetime()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);

        world.Time.Advance(TimeSpan.FromMinutes(10));
        var result = await world.VerifySignInCodeAsync(user, Sms, code);

        Assert.False(result.Accepted);
        Assert.IsType<VerifyResult.Expired>(result.Result);
    }

    [Fact]
    public async Task The_lifetime_comes_from_the_policy()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:Policies:SignIn:Lifetime"] = "00:02:00" });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);

        world.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.IsType<VerifyResult.Expired>((await world.VerifySignInCodeAsync(user, Sms, code)).Result);
    }

    [Fact]
    public async Task Wrong_codes_count_down_and_after_the_last_attempt_the_right_code_is_refused()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);
        var wrong = WrongCode.For(code);

        var answers = new List<VerifyResult?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await world.VerifySignInCodeAsync(user, Sms, wrong)).Result);
        }

        var right = await world.VerifySignInCodeAsync(user, Sms, code);

        Assert.Equal(
            [new VerifyResult.WrongCode(4), new VerifyResult.WrongCode(3), new VerifyResult.WrongCode(2), new VerifyResult.WrongCode(1), new VerifyResult.AttemptsExhausted()],
            answers);
        Assert.False(right.Accepted);
        Assert.IsType<VerifyResult.AttemptsExhausted>(right.Result);
    }

    [Fact]
    public async Task Codes_entered_faster_than_the_verify_rate_are_refused_right_or_wrong_and_not_counted()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:VerifyRate"] = "2/1m" });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);
        var wrong = WrongCode.For(code);

        Assert.Equal(new VerifyResult.WrongCode(4), (await world.VerifySignInCodeAsync(user, Sms, wrong)).Result);
        Assert.Equal(new VerifyResult.WrongCode(3), (await world.VerifySignInCodeAsync(user, Sms, wrong)).Result);
        var wrongTooFast = await world.VerifySignInCodeAsync(user, Sms, wrong);
        var rightTooFast = await world.VerifySignInCodeAsync(user, Sms, code);

        Assert.IsType<VerifyResult.TooFast>(wrongTooFast.Result);
        Assert.IsType<VerifyResult.TooFast>(rightTooFast.Result);
        Assert.False(rightTooFast.Accepted);
        Assert.Equal(2, (await world.ChallengesAsync()).Single().Attempts);

        world.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.VerifySignInCodeAsync(user, Sms, code)).Accepted);
    }

    [Fact]
    public async Task Asking_for_a_new_code_does_not_reset_the_verify_rate()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:VerifyRate"] = "2/1m" });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var first = await world.GenerateSignInCodeAsync(user, Sms);
        var wrong = WrongCode.For(first);
        await world.VerifySignInCodeAsync(user, Sms, wrong);
        await world.VerifySignInCodeAsync(user, Sms, wrong);

        var second = await world.GenerateSignInCodeAsync(user, Sms);
        var refused = await world.VerifySignInCodeAsync(user, Sms, second);

        Assert.IsType<VerifyResult.TooFast>(refused.Result);
        world.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await world.VerifySignInCodeAsync(user, Sms, second)).Accepted);
    }

    [Fact]
    public async Task The_number_of_attempts_comes_from_the_policy()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:Policies:SignIn:MaxAttempts"] = "2" });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);
        var wrong = WrongCode.For(code);

        Assert.Equal(new VerifyResult.WrongCode(1), (await world.VerifySignInCodeAsync(user, Sms, wrong)).Result);
        Assert.IsType<VerifyResult.AttemptsExhausted>((await world.VerifySignInCodeAsync(user, Sms, wrong)).Result);
    }

    [Fact]
    public async Task A_new_code_ends_the_previous_one()
    {
        // Long codes, so the two cannot be equal by chance.
        await using var world = await TwoFactorWorld.CreateAsync(new()
        {
            ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric",
            ["IdentityTfa:Policies:SignIn:Length"] = "12",
        });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var old = await world.GenerateSignInCodeAsync(user, Sms);
        var fresh = await world.GenerateSignInCodeAsync(user, TwoFactorProviderNames.Email);

        var oldResult = await world.VerifySignInCodeAsync(user, Sms, old);
        var freshResult = await world.VerifySignInCodeAsync(user, TwoFactorProviderNames.Email, fresh);

        Assert.False(oldResult.Accepted);
        Assert.True(freshResult.Accepted);
        var states = (await world.ChallengesAsync()).Select(c => c.State).Order().ToList();
        Assert.Equal([ChallengeState.Used, ChallengeState.Superseded], states);
    }

    [Fact]
    public async Task A_phone_verification_code_does_not_sign_in()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var phoneCode = await world.InRequestAsync(user, (users, u, _) => users.GenerateChangePhoneNumberTokenAsync(u, "+15557654321"));

        var result = await world.VerifySignInCodeAsync(user, Sms, phoneCode);

        Assert.False(result.Accepted);
        Assert.IsType<VerifyResult.NoActiveCode>(result.Result);
    }

    [Fact]
    public async Task A_phone_verification_code_proves_only_the_number_it_was_sent_to()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email);
        var code = await world.InRequestAsync(user, (users, u, _) => users.GenerateChangePhoneNumberTokenAsync(u, "+15557654321"));

        var otherNumber = await world.InRequestAsync(user, (users, u, _) => users.ChangePhoneNumberAsync(u, "+15550000000", code));
        var rightNumber = await world.InRequestAsync(user, (users, u, _) => users.ChangePhoneNumberAsync(u, "+15557654321", code));

        Assert.False(otherNumber.Succeeded);
        Assert.True(rightNumber.Succeeded);
        var phone = await world.InRequestAsync(user, async (users, u, _) => (await users.GetPhoneNumberAsync(u), await users.IsPhoneNumberConfirmedAsync(u)));
        Assert.Equal(("+15557654321", true), phone);
    }

    [Fact]
    public async Task A_code_of_another_user_is_refused()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var jane = await world.CreateUserAsync(Email, "+15551234567");
        var john = await world.CreateUserAsync("john@example.com", "+15557654321");
        var janesCode = await world.GenerateSignInCodeAsync(jane, Sms);
        await world.GenerateSignInCodeAsync(john, Sms);

        var result = await world.VerifySignInCodeAsync(john, Sms, janesCode);

        Assert.False(result.Accepted);
    }

    [Fact]
    public async Task Only_a_keyed_hash_is_stored_and_the_code_is_never_logged()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new()
        {
            ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric",
            ["IdentityTfa:Policies:SignIn:Length"] = "12",
        });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);
        await world.VerifySignInCodeAsync(user, Sms, "WRONGWRONG22");

        var challenge = Assert.Single(await world.ChallengesAsync());
        Assert.Equal(32, challenge.CodeHash.Length);
        Assert.Equal("•••• 4567", challenge.MaskedDestination);
        Assert.Equal(ChallengePurpose.SignIn, challenge.Purpose);
        Assert.Equal(1, challenge.Attempts);

        var databaseFile = world.DatabaseFileBytes();
        Assert.DoesNotContain(code, Encoding.ASCII.GetString(databaseFile), StringComparison.Ordinal);
        Assert.DoesNotContain(CapturingLoggerProvider.Instance.Lines, line => line.Contains(code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Numeric", 4)]
    [InlineData("Alpha", 8)]
    [InlineData("Hex", 6)]
    [InlineData("Alphanumeric", 16)]
    public async Task Every_code_type_and_length_verifies_also_when_typed_in_lower_case_with_spaces(string type, int length)
    {
        await using var world = await TwoFactorWorld.CreateAsync(new()
        {
            ["IdentityTfa:Policies:SignIn:Type"] = type,
            ["IdentityTfa:Policies:SignIn:Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);
        Assert.Equal(length, code.Length);

        var typed = $" {code[..2].ToLowerInvariant()} {code[2..]} ";

        Assert.True((await world.VerifySignInCodeAsync(user, Sms, typed)).Accepted);
    }

    [Fact]
    public async Task Parallel_wrong_codes_never_get_more_attempts_than_the_policy_allows()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);
        var guesses = Enumerable.Range(0, 50).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Where(g => g != code).Take(40).ToList();

        var results = await Task.WhenAll(guesses.Select(g => world.VerifySignInCodeAsync(user, Sms, g)));

        Assert.Equal(4, results.Count(r => r.Result is VerifyResult.WrongCode));
        Assert.All(results, r => Assert.False(r.Accepted));
        Assert.Equal(5, Assert.Single(await world.ChallengesAsync()).Attempts);
        Assert.False((await world.VerifySignInCodeAsync(user, Sms, code)).Accepted);
    }

    [Fact]
    public async Task Parallel_right_codes_are_accepted_exactly_once()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:Policies:SignIn:MaxAttempts"] = "20" });
        var user = await world.CreateUserAsync(Email, "+15551234567");
        var code = await world.GenerateSignInCodeAsync(user, Sms);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => world.VerifySignInCodeAsync(user, Sms, code)));

        Assert.Equal(1, results.Count(r => r.Accepted));
    }

    [Fact]
    public async Task Only_users_who_turned_a_method_on_and_confirmed_its_destination_can_get_codes_by_it()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var withPhone = await world.CreateUserAsync(Email, "+15551234567");
        await world.EnableMethodAsync(withPhone, IdentityTfa.Delivery.DeliveryChannel.Sms);
        var unconfirmed = await world.CreateUserAsync("john@example.com");
        await world.InRequestAsync(unconfirmed, async (users, u, _) => await users.SetPhoneNumberAsync(u, "+15557654321"));
        await world.EnableMethodAsync(unconfirmed, IdentityTfa.Delivery.DeliveryChannel.Sms);

        var janes = await world.InRequestAsync(withPhone, (users, u, _) => users.GetValidTwoFactorProvidersAsync(u));
        var johns = await world.InRequestAsync(unconfirmed, (users, u, _) => users.GetValidTwoFactorProvidersAsync(u));

        Assert.Contains(Sms, janes);
        Assert.DoesNotContain(Sms, johns);
        Assert.DoesNotContain(TwoFactorProviderNames.Email, janes);
        Assert.DoesNotContain("Phone", janes);
    }
}
