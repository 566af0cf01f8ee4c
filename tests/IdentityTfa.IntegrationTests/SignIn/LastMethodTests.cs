using IdentityTfa.IntegrationTests.Api;
using IdentityTfa.Methods;

namespace IdentityTfa.IntegrationTests.SignIn;

/// <summary>The verify screen and the token API's challenge open on the method of the last sign-in (issue 22).</summary>
public class LastMethodTests
{
    private const string Jane = "jane@example.com";
    private const string Phone = "+16502530000";

    [Fact]
    public async Task After_a_sign_in_by_email_while_the_phone_is_preferred_the_next_sign_in_opens_on_email()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Jane, Phone, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Jane, Journeys.Password);
        Assert.Contains("by text message to •••• 0000", verify.Text);
        shop.Time.Advance(TimeSpan.FromSeconds(30));
        var byEmail = await jane.SubmitAsync(verify, "Send the code by email to j•••@example.com instead");
        var signedIn = await jane.EnterCodeAsync(await jane.GetAsync(byEmail.Url.PathAndQuery), await DevInbox.LatestCodeAsync(jane, Jane));
        Assert.Equal("/", signedIn.Path);
        await jane.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var texts = await DevInbox.CountToAsync(jane, Phone);
        var mails = await DevInbox.CountToAsync(jane, Jane);

        var next = await jane.PasswordStepAsync(Jane, Journeys.Password);

        Assert.Equal("/Identity/Account/LoginWith2fa", next.Path);
        Assert.Contains("by email to j•••@example.com", next.Text);
        Assert.True(next.HasButton("Send the code by text message to •••• 0000 instead"));
        Assert.Equal(texts, await DevInbox.CountToAsync(jane, Phone));
        Assert.Equal(mails + 1, await DevInbox.CountToAsync(jane, Jane));
        Assert.Equal("/", (await jane.EnterCodeAsync(next, await DevInbox.LatestCodeAsync(jane, Jane))).Path);

        // The token API's challenge opens on it too.
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var app = new TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Jane, password = Journeys.Password });
        Assert.Equal("Email", challenge.GetProperty("channel").GetString());
        Assert.Equal(["Email"], challenge.GetProperty("channels").EnumerateArray().Where(c => c.GetProperty("preferred").GetBoolean()).Select(c => c.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task A_preference_set_in_the_settings_wins_over_the_last_method()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Jane, Phone, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var jane = shop.NewShopper();
        var verify = await jane.PasswordStepAsync(Jane, Journeys.Password);
        shop.Time.Advance(TimeSpan.FromSeconds(30));
        var byEmail = await jane.SubmitAsync(verify, "Send the code by email to j•••@example.com instead");
        Assert.Equal("/", (await jane.EnterCodeAsync(await jane.GetAsync(byEmail.Url.PathAndQuery), await DevInbox.LatestCodeAsync(jane, Jane))).Path);
        await jane.SignOutAsync();
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var methods = scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>();
            Assert.True(await methods.SetPreferredAsync((await users.FindByEmailAsync(Jane))!, DeliveryChannel.Sms));
        }

        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var next = await jane.PasswordStepAsync(Jane, Journeys.Password);

        Assert.Contains("by text message to •••• 0000", next.Text);
    }
}
