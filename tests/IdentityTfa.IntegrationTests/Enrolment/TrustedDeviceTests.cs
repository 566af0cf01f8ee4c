namespace IdentityTfa.IntegrationTests.Enrolment;

public class TrustedDeviceTests
{
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task A_trusted_browser_is_listed_with_its_name_and_skips_the_code()
    {
        await using var shop = new ShopFactory();
        using var shopper = await TrustedShopperAsync(shop);

        var devices = await shopper.GetAsync("/Identity/Account/Manage/TrustedDevices");

        Assert.Contains("Firefox on Linux this device", devices.FlatText);
        // The month in words, never 12/2/2026, which half the world reads as the 12th of February.
        Assert.Matches(@"First used (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC", devices.FlatText);
        Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", devices.FlatText);
        Assert.Contains("1 trusted device skips the code.", (await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).FlatText);
        await shopper.SignOutAsync();
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task A_revoked_browser_is_asked_for_a_code_again()
    {
        await using var shop = new ShopFactory();
        using var shopper = await TrustedShopperAsync(shop);
        var devices = await shopper.GetAsync("/Identity/Account/Manage/TrustedDevices");
        var revokeLabel = devices.ButtonTexts().Single(b => b.StartsWith("Revoke Firefox on Linux", StringComparison.Ordinal));

        var revoked = await shopper.SubmitAsync(devices, revokeLabel);

        Assert.Contains("The device was revoked.", revoked.Statuses);
        Assert.Contains("No device is trusted.", revoked.Text);
        await shopper.SignOutAsync();
        Assert.Equal(VerifyPath, (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Revoke_all_ends_every_trusted_browser()
    {
        await using var shop = new ShopFactory();
        using var first = await TrustedShopperAsync(shop);
        using var second = shop.NewShopper("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36");
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var verify = await second.PasswordStepAsync(Email, Journeys.Password);
        await second.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(second, Phone), trustDevice: true);

        var devices = await second.GetAsync("/Identity/Account/Manage/TrustedDevices");
        Assert.Contains("Chrome on Windows this device", devices.FlatText);
        Assert.Contains("Firefox on Linux", devices.Text);
        var revoked = await second.SubmitAsync(devices, "Revoke all");

        Assert.Contains("2 devices were revoked.", revoked.Statuses);
        await first.SignOutAsync();
        await second.SignOutAsync();
        Assert.Equal(VerifyPath, (await first.PasswordStepAsync(Email, Journeys.Password)).Path);
        Assert.Equal(VerifyPath, (await second.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task A_trusted_browser_is_asked_again_after_the_trust_expires()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:TrustedDeviceLifetime"] = "1.00:00:00" });
        using var shopper = await TrustedShopperAsync(shop);
        await shopper.SignOutAsync();

        shop.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(VerifyPath, (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task A_password_change_ends_every_trusted_browser()
    {
        await using var shop = new ShopFactory();
        using var shopper = await TrustedShopperAsync(shop);
        var change = await shopper.GetAsync("/Identity/Account/Manage/ChangePassword");
        await shopper.SubmitAsync(change, "Update password",
            ("Input.OldPassword", Journeys.Password), ("Input.NewPassword", "Another-Pass-42"), ("Input.ConfirmPassword", "Another-Pass-42"));
        await shopper.SignOutAsync();

        Assert.Equal(VerifyPath, (await shopper.PasswordStepAsync(Email, "Another-Pass-42")).Path);
    }

    [Fact]
    public async Task A_trust_cookie_copied_to_another_account_does_not_skip_its_code()
    {
        await using var shop = new ShopFactory();
        using var jane = await TrustedShopperAsync(shop);
        using var john = await shop.EnrolledShopperAsync("john@example.com", "+44 7911 123456", "+447911123456");
        await jane.SignOutAsync();

        // John's browser holds Jane's trust cookie as well as his own session.
        var trustCookie = jane.Cookies().Single(c => c.Name == "Identity.TwoFactorRememberMe");
        john.AddCookie(trustCookie);

        Assert.Equal(VerifyPath, (await john.PasswordStepAsync("john@example.com", Journeys.Password)).Path);
    }

    private static async Task<Shopper> TrustedShopperAsync(ShopFactory shop)
    {
        var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var signedIn = await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true);
        Assert.Equal("/", signedIn.Path);
        return shopper;
    }
}
