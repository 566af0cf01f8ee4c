using IdentityTfa.IntegrationTests.Api;
using IdentityTfa.Methods;
using IdentityTfa.Sending;

namespace IdentityTfa.IntegrationTests.SignIn;

/// <summary>The verify screen and the token API's challenge open on the method of the last sign-in (issue 22), on both engines.</summary>
public sealed class LastMethodTests
{
    private const string ByEmailInstead = "Send the code by email to j•••@example.com instead";
    private const string ByTextInstead = "Send the code by text message to •••• 0000 instead";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task After_a_sign_in_by_email_while_the_phone_is_preferred_the_next_sign_in_opens_on_email(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = await ShopWithJaneAsync(database, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("by text message to •••• 0000", verify.Text);
        await SignInTheOtherWayAsync(shop, jane, verify, ByEmailInstead, Email);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var texts = await DevInbox.CountToAsync(jane, Phone);
        var mails = await DevInbox.CountToAsync(jane, Email);

        var next = await jane.PasswordStepAsync(Email, Journeys.Password);

        Assert.Equal("/Identity/Account/LoginWith2fa", next.Path);
        Assert.Contains("by email to j•••@example.com", next.Text);
        Assert.True(next.HasButton(ByTextInstead));
        Assert.Equal(texts, await DevInbox.CountToAsync(jane, Phone));
        Assert.Equal(mails + 1, await DevInbox.CountToAsync(jane, Email));
        Assert.Equal("/", (await jane.EnterCodeAsync(next, await DevInbox.LatestCodeAsync(jane, Email))).Path);

        // The token API's challenge opens on it too.
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var app = new TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        Assert.Equal("Email", challenge.GetProperty("channel").GetString());
        Assert.Equal(["Email"], challenge.GetProperty("channels").EnumerateArray().Where(c => c.GetProperty("preferred").GetBoolean()).Select(c => c.GetProperty("channel").GetString()));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_preference_set_in_the_settings_wins_over_the_last_method(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = await ShopWithJaneAsync(database, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        await SignInTheOtherWayAsync(shop, jane, verify, ByEmailInstead, Email);
        await PreferAsync(shop, DeliveryChannel.Sms);

        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var next = await jane.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("by text message to •••• 0000", next.Text);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_sign_in_by_text_adds_no_user_token_and_the_next_sign_in_opens_on_text(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = await ShopWithJaneAsync(database, DeliveryChannel.Email, DeliveryChannel.Sms);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("by email to j•••@example.com", verify.Text);
        await SignInTheOtherWayAsync(shop, jane, verify, ByTextInstead, Phone);

        // The code's used challenge says the method: the sign-in wrote no user token of ours.
        Assert.Empty(await OurUserTokensAsync(shop));

        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var next = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("by text message to •••• 0000", next.Text);
        Assert.Equal("/", (await jane.EnterCodeAsync(next, await DevInbox.LatestCodeAsync(jane, Phone))).Path);
        Assert.Empty(await OurUserTokensAsync(shop));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_preference_set_in_the_settings_wins_until_the_next_sign_in_with_another_method(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = await ShopWithJaneAsync(database, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        await SignInTheOtherWayAsync(shop, jane, verify, ByEmailInstead, Email);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await PreferAsync(shop, DeliveryChannel.Sms);

        // The preference: text, twice (a sign-in by text, the preferred method, leaves it so).
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("by text message to •••• 0000", first.Text);
        Assert.Equal("/", (await jane.EnterCodeAsync(first, await DevInbox.LatestCodeAsync(jane, Phone))).Path);
        await jane.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("by text message to •••• 0000", second.Text);

        // A sign-in by email after it: the next opens on email again.
        await SignInTheOtherWayAsync(shop, jane, second, ByEmailInstead, Email);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("by email to j•••@example.com", (await jane.PasswordStepAsync(Email, Journeys.Password)).Text);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task After_a_passkey_sign_in_the_next_sign_in_opens_on_the_passkey(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await PasskeySteps.AddPasskeyAsync(shop, Email, authenticator);

        // A sign-in by email first: the next opens on email.
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("/", (await jane.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(jane, Email))).Path);
        await jane.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DeliveryChannel.Email, await OpensOnAsync(shop));

        // Then with the passkey: the next opens on it.
        var withPasskey = await jane.PasswordStepAsync(Email, Journeys.Password);
        var options = await PasskeySteps.PostForJsonAsync(jane, withPasskey, "#use-passkey");
        Assert.Equal("/", (await jane.SubmitAsync(withPasskey, "Use a passkey", ("credential", authenticator.Get(options, userId)))).Path);
        await jane.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DeliveryChannel.Passkey, await OpensOnAsync(shop));
        Assert.Equal(["LastPasskeySignIn"], await OurUserTokensAsync(shop));
    }

    /// <summary>A shop over <paramref name="database"/> with Jane's account: her phone and email, <paramref name="first"/> the way her sign-ins open on.</summary>
    private static async Task<ShopFactory> ShopWithJaneAsync(EngineDatabase database, DeliveryChannel first, DeliveryChannel second)
    {
        var shop = database.Shop();
        await shop.CreateAccountAsync(Email, Phone, first, second);
        return shop;
    }

    /// <summary>
    /// From the verify screen, asks for the code the other way instead (the button), enters it from that inbox and
    /// lands on the home page, then signs out.
    /// </summary>
    private static async Task SignInTheOtherWayAsync(ShopFactory shop, Shopper jane, Page verify, string button, string inbox)
    {
        shop.Time.Advance(TimeSpan.FromSeconds(30));
        var other = await jane.SubmitAsync(verify, button);
        Assert.Equal("/", (await jane.EnterCodeAsync(await jane.GetAsync(other.Url.PathAndQuery), await DevInbox.LatestCodeAsync(jane, inbox))).Path);
        await jane.SignOutAsync();
    }

    private static async Task PreferAsync(ShopFactory shop, DeliveryChannel channel)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().SetPreferredAsync((await users.FindByEmailAsync(Email))!, channel));
    }

    /// <summary>The method the verify screen and the token API's challenge open on now.</summary>
    private static async Task<DeliveryChannel> OpensOnAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var channels = await scope.ServiceProvider.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>().GetSignInChannelsAsync((await users.FindByEmailAsync(Email))!);
        return channels.Single(c => c.IsPreferred).Channel;
    }

    private static async Task<List<string>> OurUserTokensAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().UserTokens
            .Where(t => t.LoginProvider == "[IdentityTfa]").Select(t => t.Name).OrderBy(n => n).ToListAsync();
    }
}
