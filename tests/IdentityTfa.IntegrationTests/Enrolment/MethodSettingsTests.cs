namespace IdentityTfa.IntegrationTests.Enrolment;

public class MethodSettingsTests
{
    [Fact]
    public async Task The_status_page_shows_methods_preferred_recovery_codes_and_devices()
    {
        await using var shop = new ShopFactory();
        using var shopper = await ShopperWithPhoneAndEmailAsync(shop);

        var status = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");

        Assert.Contains("Two-factor sign-in is on.", status.FlatText);
        Assert.Contains("Text message to •••• 0000 (preferred)", status.FlatText);
        Assert.Contains("Email to j•••@example.com", status.FlatText);
        Assert.Contains("You have 10 recovery codes left.", status.FlatText);
        Assert.Contains("No trusted device skips the code: every sign-in asks for one.", status.FlatText);
        Assert.True(status.HasButton("Save preferred method"));
    }

    [Fact]
    public async Task The_preferred_method_is_the_one_sign_in_uses_first()
    {
        await using var shop = new ShopFactory();
        using var shopper = await ShopperWithPhoneAndEmailAsync(shop);
        var status = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");

        var saved = await shopper.SubmitAsync(status, "Save preferred method", ("Email", "true"), ("Text message", "false"));
        Assert.Contains("Email is now your preferred method.", saved.Statuses);
        await shopper.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("We sent a code by email to j•••@example.com.", verify.Text);
    }

    [Fact]
    public async Task Removing_a_method_needs_the_password_and_tells_the_owner_by_email()
    {
        await using var shop = new ShopFactory();
        using var shopper = await ShopperWithPhoneAndEmailAsync(shop);
        var status = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        var remove = await shopper.GetAsync(status.Document.QuerySelector("a[aria-label='Remove Text message']")!.GetAttribute("href")!);

        var refused = await shopper.SubmitAsync(remove, "Remove", ("Password", "wrong"));
        Assert.Contains("That password is not right", refused.Alerts);

        var removed = await shopper.SubmitAsync(refused, "Remove", ("Password", Journeys.Password));
        Assert.Contains("Text message was removed.", removed.Statuses);
        Assert.DoesNotContain("Text message to", removed.FlatText);
        Assert.Contains("Email to j•••@example.com (preferred)", removed.FlatText);
        var notice = await DevInbox.LatestWithSubjectAsync(shopper, Email, "a sign-in method was removed");
        Assert.NotNull(notice);
    }

    [Fact]
    public async Task Removing_the_last_method_turns_two_factor_off()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var remove = await shopper.GetAsync("/Identity/Account/Manage/RemoveMethod?channel=Sms");
        Assert.Contains("This is your last method", remove.Text);

        var removed = await shopper.SubmitAsync(remove, "Remove", ("Password", Journeys.Password));

        Assert.Contains("Two-factor sign-in is off.", removed.Statuses);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(shopper, Email, "two-factor sign-in is off"));
        await shopper.SignOutAsync();
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Turning_off_sends_a_notice_and_forgets_trusted_devices()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true);

        var off = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/Disable2fa"), "Turn off two-factor authentication", ("Password", Journeys.Password));

        Assert.Contains("Two-factor sign-in is off.", off.Statuses);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(shopper, Email, "two-factor sign-in is off"));
        Assert.Contains("No device is trusted.", (await shopper.GetAsync("/Identity/Account/Manage/TrustedDevices")).Text);
    }

    [Fact]
    public async Task A_new_phone_replaces_the_old_one_only_once_verified_and_the_owner_is_told()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var change = await shopper.GetAsync("/Identity/Account/Manage/AddPhone");
        Assert.Equal("Change phone", change.Heading);
        var sent = await shopper.SubmitAsync(change, "Send code", ("Phone number", "+44 7911 123456"));
        Assert.Equal(string.Empty, sent.Alerts);

        var before = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Contains("Text message to •••• 0000", before.FlatText);

        var verified = await shopper.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(shopper, "+447911123456")));
        Assert.Contains("Two-factor sign-in by text message is on.", verified.Statuses);
        Assert.Contains("Text message to •••• 3456", verified.FlatText);
        var notice = await DevInbox.LatestWithSubjectAsync(shopper, Email, "your phone number changed");
        Assert.Contains("from •••• 0000 to •••• 3456", notice!.Value.Body);
    }

    [Fact]
    public async Task A_new_email_address_is_confirmed_by_its_code_and_the_old_address_is_told()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var add = await shopper.GetAsync("/Identity/Account/Manage/AddEmail");

        var sent = await shopper.SubmitAsync(add, "Send code", ("Email address", "jane.new@example.com"));
        Assert.Contains("We sent a code to jane.new@example.com.", sent.Statuses);
        var verified = await shopper.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(shopper, "jane.new@example.com")));

        Assert.Contains("Two-factor sign-in by email is on.", verified.Statuses);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(shopper, Email, "your email address changed"));
        var profile = await shopper.GetAsync("/Identity/Account/Manage");
        Assert.Contains("jane.new@example.com", profile.Text);
    }

    [Fact]
    public async Task A_wrong_code_does_not_turn_on_email()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code");
        var code = await DevInbox.LatestCodeAsync(shopper, Email);

        var refused = await shopper.SubmitAsync(sent, "Verify", ("Verification code", WrongCode.For(code)));

        Assert.Contains("That code is not right. You have 4 attempts left.", refused.Alerts);
        Assert.DoesNotContain("Email to", (await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).FlatText);
    }

    private static async Task<Shopper> ShopperWithPhoneAndEmailAsync(ShopFactory shop)
    {
        var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code");
        var on = await shopper.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(shopper, Email)));
        Assert.Contains("Two-factor sign-in by email is on.", on.Statuses);
        return shopper;
    }
}
