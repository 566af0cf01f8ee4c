namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Every security event mails its notice to the holder, once, with no code or secret in it; for an hour after the email
/// changed, the address before it gets a copy.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class SecurityNoticeTests
{
    [Fact]
    public async Task Turning_two_factor_on_tells_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);

        var codes = (await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;

        var notice = await SingleNoticeAsync(shopper, "two-factor sign-in is on");
        Assert.All(codes, code => Assert.DoesNotContain(code, notice.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turning_two_factor_off_tells_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop);

        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/Disable2fa"), "Turn off two-factor authentication", ("Password", Journeys.Password));

        await SingleNoticeAsync(shopper, "two-factor sign-in is off");
    }

    [Fact]
    public async Task Adding_and_removing_a_method_tell_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop);
        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code", ("Email address", Email));
        var code = await DevInbox.LatestCodeAsync(shopper, Email);
        await shopper.SubmitAsync(sent, "Verify", ("Verification code", code));

        var added = await SingleNoticeAsync(shopper, "a sign-in method was added");
        Assert.Contains("Email codes were added", added.Body);
        Assert.DoesNotContain(code, added.Body, StringComparison.Ordinal);

        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/RemoveMethod?channel=Email"), "Remove", ("Password", Journeys.Password));
        Assert.Contains("Email codes were removed", (await SingleNoticeAsync(shopper, "a sign-in method was removed")).Body);
    }

    [Fact]
    public async Task Using_a_recovery_code_tells_the_holder_how_many_are_left()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        var codes = (await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;
        await shopper.SignOutAsync();

        await shopper.PasswordStepAsync(Email, Journeys.Password);
        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/LoginWithRecoveryCode"), "Sign in", ("Recovery code", codes[0]));

        var notice = await SingleNoticeAsync(shopper, "a recovery code was used");
        Assert.Contains("9 unused recovery codes are left.", notice.Body);
        Assert.All(codes, code => Assert.DoesNotContain(code, notice.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_recovery_codes_tell_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop);

        var renewed = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/RecoveryCodes"), "Make new recovery codes", ("Password", Journeys.Password));

        var notice = await SingleNoticeAsync(shopper, "new recovery codes were made");
        Assert.All(renewed.RecoveryCodes, code => Assert.DoesNotContain(code, notice.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_the_password_tells_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop);

        await ChangePasswordAsync(shopper, "Another-Pass-42");

        var notice = await SingleNoticeAsync(shopper, "your password changed");
        Assert.DoesNotContain("Another-Pass-42", notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_the_password_tells_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", Email));
        var reset = await shopper.GetAsync(await DevInbox.LatestLinkAsync(shopper, Email));

        await shopper.SubmitAsync(reset, "Reset password", ("Email", Email), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));

        await SingleNoticeAsync(shopper, "your password was reset");
    }

    [Fact]
    public async Task Trusting_a_new_browser_tells_the_holder()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true);

        Assert.Contains("Firefox", (await SingleNoticeAsync(shopper, "a new browser is trusted")).Body);
    }

    [Fact]
    public async Task An_admins_change_tells_the_holder()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        var list = await admin.GetAsync($"/Admin/Customers?Search={Uri.EscapeDataString(Email)}");
        var details = await admin.GetAsync(list.Document.QuerySelectorAll("table a").Single(a => a.TextContent == Email).GetAttribute("href")!);
        var confirm = details.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Revoke trusted devices").GetAttribute("href")!;

        await admin.SubmitAsync(await admin.GetAsync(new Uri(details.Url, confirm).PathAndQuery), "Revoke");

        Assert.Contains("Our support team revoked your trusted devices", (await SingleNoticeAsync(admin, "trusted devices revoked")).Body);
    }

    [Fact]
    public async Task For_an_hour_after_the_email_changed_the_previous_address_gets_a_copy()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop);
        const string NewEmail = "jane.new@example.com";
        await EmailChangeTests.ChangeEmailOnSettingsPageAsync(shopper, NewEmail);

        // The session stays in use, so that its idle limit (an hour) does not end it first.
        shop.Time.Advance(TimeSpan.FromMinutes(35));
        await shopper.GetAsync("/Identity/Account/Manage");
        shop.Time.Advance(TimeSpan.FromMinutes(24));
        await ChangePasswordAsync(shopper, "Another-Pass-42");
        Assert.Equal(1, await NoticeCountAsync(shopper, NewEmail, "your password changed"));
        Assert.Equal(1, await NoticeCountAsync(shopper, Email, "your password changed"));

        shop.Time.Advance(TimeSpan.FromMinutes(2));
        await ChangePasswordAsync(shopper, "Third-Pass-42", "Another-Pass-42");
        Assert.Equal(2, await NoticeCountAsync(shopper, NewEmail, "your password changed"));
        Assert.Equal(1, await NoticeCountAsync(shopper, Email, "your password changed"));
    }

    private static async Task<Shopper> SignedInAsync(ShopFactory shop)
    {
        var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        return shopper;
    }

    private static async Task ChangePasswordAsync(Shopper shopper, string newPassword, string current = Journeys.Password)
    {
        var form = await shopper.GetAsync("/Identity/Account/Manage/ChangePassword");
        if (form.Path == "/Identity/Account/StepUp")
        {
            form = await shopper.StepUpWithTextMessageAsync(form); // the code was entered longer ago than the window
        }

        var changed = await shopper.SubmitAsync(form, "Update password",
            ("Current password", current), ("New password", newPassword), ("Confirm new password", newPassword));
        Assert.Equal(string.Empty, changed.Alerts);
    }

    private static async Task<(string To, string Subject, string Body)> SingleNoticeAsync(Shopper reader, string subject) =>
        Assert.Single(await DevInbox.MessagesAsync(reader), m => m.To == Email && m.Subject.Contains(subject, StringComparison.Ordinal));

    private static async Task<int> NoticeCountAsync(Shopper reader, string to, string subject) =>
        (await DevInbox.MessagesAsync(reader)).Count(m => m.To == to && m.Subject.Contains(subject, StringComparison.Ordinal));
}
