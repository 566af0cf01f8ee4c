namespace IdentityTfa.IntegrationTests.Security;

/// <summary>The site policy's guard rails: weaker code settings only with the switch, customer two-factor off only once counted.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class AdminGuardRailTests
{
    private const string Switch = "I understand the risk of weaker settings";

    [Theory]
    [InlineData("Policies.SignIn.Length", "4", "Sign-in codes are shorter than 6 characters, so they are easier to guess.")]
    [InlineData("Policies.PhoneVerification.Lifetime", "00:30:00", "Phone verification codes last longer than 15 minutes, which leaves more time to guess or steal one.")]
    [InlineData("Policies.EmailVerification.MaxAttempts", "12", "Email verification codes allow more than 10 attempts, so more guesses are allowed per code.")]
    public async Task A_weaker_code_setting_is_refused_without_the_switch_and_saved_with_it_then_shown_as_a_warning(string field, string value, string warning)
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", (field, value));

        Assert.Contains(warning, refused.Document.GetElementById("error-summary")!.TextContent);
        Assert.Equal("true", refused.Document.QuerySelector($"[name='{field}']")!.GetAttribute("aria-invalid"));
        Assert.Null((await admin.GetAsync("/Admin/Policy")).Document.GetElementById("weak-settings"));

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", (field, value), (Switch, "true"));

        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        Assert.Equal(value, saved.Document.QuerySelector($"[name='{field}']")!.GetAttribute("value"));
        Assert.Contains(warning, saved.Document.GetElementById("weak-settings")!.TextContent);
    }

    [Fact]
    public async Task Turning_customer_two_factor_off_first_shows_how_many_customers_it_affects_and_saves_only_when_confirmed()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        await shop.CreateAccountAsync("john@example.com", null, DeliveryChannel.Email);
        await shop.CreateAccountAsync("joan@example.com", null);
        using var admin = await shop.SignedInAdminAsync();

        var asked = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Allow customers to use two-factor authentication", "false"));

        Assert.Contains("affects 2 customers who have it on now", asked.Document.GetElementById("confirm-summary")!.TextContent);
        Assert.DoesNotContain("The site policy is saved and in force.", asked.Statuses);
        Assert.Equal("checked", (await admin.GetAsync("/Admin/Policy")).Document.QuerySelector("[name='AllowCustomerTwoFactor'][type=checkbox]")!.GetAttribute("checked"));

        var saved = await admin.SubmitAsync(asked, "Save policy", ("Allow customers to use two-factor authentication", "false"), ("Yes, turn two-factor sign-in off for customers", "true"));

        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        Assert.Null(saved.Document.QuerySelector("[name='AllowCustomerTwoFactor'][type=checkbox]")!.GetAttribute("checked"));
    }
}
