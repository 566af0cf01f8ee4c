using System.Text.RegularExpressions;
using IdentityTfa.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using IdentityTfa.IntegrationTests.Support;

namespace IdentityTfa.BrowserTests.Journeys;

public class ShopperJourneys(BrowserFixture browser) : JourneyTest(browser)
{
    [Fact]
    public Task J1_register_confirm_email_add_a_phone_and_turn_two_factor_on() => JourneyAsync(async () =>
    {
        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await Page.CheckScreenAsync("settings");
        await Page.GotoAsync("/Identity/Account/Manage/AddPhone");
        await Page.CheckScreenAsync("add-phone");
        await Page.AddPhoneAsync(Shop, "(650) 253-0000", Phone);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your new recovery codes" })).ToBeVisibleAsync();
        await Page.CheckScreenAsync("recovery-codes");
        await Page.Button("I have saved these codes").ClickAsync();
        await Expect(Page.GetByText("Two-factor sign-in is on.")).ToBeVisibleAsync();
        await Page.CheckScreenAsync("settings-on");
        await Expect(Page.GetByText("Text message to •••• 0000 (preferred)")).ToBeVisibleAsync();
    });

    [Fact]
    public Task J2_sign_in_with_a_text_wrong_code_then_new_code() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.GetByText("We sent a code by text message to •••• 0000.")).ToBeVisibleAsync();
        await Page.CheckVerifyScreenAsync();
        var oldCode = Shop.LatestSmsCode(Phone);

        await Page.EnterCodeAsync(WrongCode.For(oldCode));
        await Expect(Page.Alert()).ToHaveTextAsync("That code is not right. You have 4 attempts left.");
        await Page.CheckScreenAsync("verify-wrong-code");

        // The countdown holds "Send new code" back for 30 seconds; once they have passed on the shop's clock, the
        // screen shown again lets it be pressed.
        await Expect(Page.Locator("#resend-wait")).ToContainTextAsync("You can ask for a new code in");
        await Expect(Page.Button("Send new code")).ToBeDisabledAsync();
        Shop.Time.Advance(TimeSpan.FromSeconds(31));
        await Page.GotoAsync(Page.Url);
        await Page.Button("Send new code").ClickAsync();
        await Expect(Page.Status()).ToHaveTextAsync("We sent you a new code. Earlier codes no longer work.");
        await Page.CheckScreenAsync("verify-new-code");
        var newCode = Shop.LatestSmsCode(Phone);
        if (newCode != oldCode)
        {
            await Page.EnterCodeAsync(oldCode);
            await Expect(Page.Alert()).ToContainTextAsync("That code is not right.");
        }

        await Page.EnterCodeAsync(newCode);
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await Page.CheckScreenAsync("catalogue-signed-in");
    });

    [Fact]
    public Task J3_trust_this_device_then_revoke_it() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Page.EnterCodeAsync(Shop.LatestSmsCode(Phone), trustDevice: true);
        await Page.SignOutAsync();

        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();

        var (otherContext, other) = await NewBrowserAsync();
        await using (otherContext)
        {
            await other.SignInWithPasswordAsync(Email);
            await Expect(other.VerifyHeading()).ToBeVisibleAsync();
        }

        await Page.GotoAsync("/Identity/Account/Manage/TrustedDevices");
        await Page.CheckScreenAsync("trusted-devices");
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Revoke .*Chrom") }).ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("The device was revoked.");
        await Page.CheckScreenAsync("trusted-devices-revoked");
        await Page.SignOutAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Expect(Page.VerifyHeading()).ToBeVisibleAsync();
    });

    [Fact]
    public Task J4_email_method_switching_channel_and_a_voice_call() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Page.EnterCodeAsync(Shop.LatestSmsCode(Phone));
        await Page.GotoAsync("/Identity/Account/Manage/AddEmail");
        await Page.CheckScreenAsync("add-email");
        await Page.Button("Send code").ClickAsync();
        await Page.GetByLabel("Verification code").FillAsync(Shop.LatestMailCode(Email));
        await Page.CheckScreenAsync("add-email-code-sent");
        await Page.Button("Verify").ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("Two-factor sign-in by email is on.");
        await Page.CheckScreenAsync("add-email-done");
        await Page.SignOutAsync();

        Shop.Time.Advance(TimeSpan.FromMinutes(1));
        await Page.SignInWithPasswordAsync(Email);
        Shop.Time.Advance(TimeSpan.FromSeconds(31));
        await Page.Button("Send the code by email to j•••@example.com instead").ClickAsync();
        await Expect(Page.GetByText("We sent a code by email to j•••@example.com.")).ToBeVisibleAsync();
        await Page.CheckScreenAsync("verify-by-email");
        await Page.EnterCodeAsync(Shop.LatestMailCode(Email));
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();

        // A landline gets its codes by voice call.
        Shop.Time.Advance(TimeSpan.FromMinutes(1));
        await Page.GotoAsync("/Identity/Account/Manage/AddPhone");
        await Page.GetByLabel("Phone number").FillAsync("+44 20 7946 0958");
        await Page.Button("Send code").ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("We are calling +44 20 7946 0958 to read you a code.");
        await Page.CheckScreenAsync("add-phone-calling");
        var spoken = Regex.Match(Shop.Twilio.Calls.Last().Twiml, @"\d(, \d){5}").Value.Replace(", ", string.Empty, StringComparison.Ordinal);
        await Page.GetByLabel("Verification code").FillAsync(spoken);
        await Page.Button("Verify").ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("Two-factor sign-in by voice call is on.");
        await Page.CheckScreenAsync("add-phone-voice-done");
    });

    [Fact]
    public Task J5_a_recovery_code_signs_in_once() => JourneyAsync(async () =>
    {
        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Page.AddPhoneAsync(Shop, "650 253 0000", Phone);
        var code = (await Page.Locator("#recovery-codes code").First.TextContentAsync())!.Trim();
        await Page.SignOutAsync();

        await Page.SignInWithPasswordAsync(Email);
        await Page.CheckVerifyScreenAsync();
        await Page.Link("Use a recovery code").ClickAsync();
        await Page.CheckScreenAtAsync("/Identity/Account/LoginWithRecoveryCode", "recovery-code-sign-in");
        await Page.GetByLabel("Recovery code").FillAsync(code);
        await Page.Button("Sign in").ClickAsync();
        await Expect(Page.Status()).ToHaveTextAsync("You signed in with a recovery code. You have 9 left.");
        await Page.Link("Continue").ClickAsync();
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Page.CheckScreenAsync("signed-in-with-recovery-code");
        await Page.SignOutAsync();

        await Page.SignInWithPasswordAsync(Email);
        await Page.Link("Use a recovery code").ClickAsync();
        await Page.GetByLabel("Recovery code").FillAsync(code);
        await Page.Button("Sign in").ClickAsync();
        await Expect(Page.Alert()).ToHaveTextAsync("That recovery code is not valid or was already used.");
        await Page.CheckScreenAsync("recovery-code-used");
    });

    [Fact]
    public Task J6_remove_two_factor_with_the_password_and_the_notice_arrives() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Page.EnterCodeAsync(Shop.LatestSmsCode(Phone));
        await Page.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await Page.CheckScreenAsync("settings-on");
        await Page.Link("Turn off two-factor authentication").ClickAsync();
        await Page.CheckScreenAtAsync("/Identity/Account/Manage/Disable2fa", "turn-off");
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.Button("Turn off two-factor authentication").ClickAsync();

        await Expect(Page.Status()).ToHaveTextAsync("Two-factor sign-in is off.");
        await Page.CheckScreenAsync("settings-off");
        Assert.Contains(Shop.Smtp.MessagesTo(Email), m => (m.Subject ?? string.Empty).Contains("two-factor sign-in is off", StringComparison.Ordinal));
    });

    [Fact]
    public Task J8_lockout_after_wrong_codes_shows_when_to_retry() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        var code = Shop.LatestSmsCode(Phone);
        for (var i = 0; i < 5; i++)
        {
            await Page.EnterCodeAsync(WrongCode.For(code));
        }

        await Expect(Page.Alert()).ToContainTextAsync(new Regex(@"This account is locked\. Try again after \d\d:\d\d UTC \(in 15 minutes\)\."));
        await Page.CheckScreenAsync("verify-locked");
    });

    [Fact]
    public Task J9_keyboard_only_sign_in_with_the_code_field_focused_on_arrival() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.GotoAsync("/Identity/Account/Login");
        await Expect(Page.GetByLabel("Email")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Email);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByLabel("Enter the 6-digit code")).ToBeFocusedAsync();
        await Page.CheckScreenAsync("verify");
        await Page.Keyboard.TypeAsync(Shop.LatestSmsCode(Phone));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();

        await Page.GotoAsync("/Identity/Account/Manage/AddEmail");
        await Expect(Page.GetByLabel("Email address")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByLabel("Verification code")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Shop.LatestMailCode(Email));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Status()).ToContainTextAsync("Two-factor sign-in by email is on.");
    });

    [Fact]
    public Task J13_an_old_session_enters_a_code_again_to_change_the_password() => JourneyAsync(async () =>
    {
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Page.EnterCodeAsync(Shop.LatestSmsCode(Phone));
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        Shop.Time.Advance(TimeSpan.FromMinutes(11));

        await Page.GotoAsync("/Identity/Account/Manage/ChangePassword");
        await Page.StepUpWithTextMessageAsync(Shop, Phone);
        await Page.WaitForURLAsync(new Regex("/Identity/Account/Manage/ChangePassword"));
        await Page.GetByLabel("Current password").FillAsync(Password);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Another-Pass-42");
        await Page.GetByLabel("Confirm new password").FillAsync("Another-Pass-42");
        await Page.Button("Update password").ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("Your password has been changed.");
    });

    [Fact]
    public Task J12_undo_an_email_change_from_the_link_mailed_to_the_old_address() => JourneyAsync(async () =>
    {
        const string other = "mallory@example.net";
        await EnrolledAsync();
        await Page.SignInWithPasswordAsync(Email);
        await Page.EnterCodeAsync(Shop.LatestSmsCode(Phone));
        await Expect(Page.Link("Account settings")).ToBeVisibleAsync();
        await Page.GotoAsync("/Identity/Account/Manage/Email");
        await Page.GetByLabel("New email").FillAsync(other);
        await Page.Button("Change email").ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("Confirmation link to change email sent.");
        await Page.GotoAsync(Regex.Match(Shop.Smtp.LatestTo(other).TextBody ?? string.Empty, @"https?://\S+").Value.TrimEnd('.'));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Email changed" })).ToBeVisibleAsync();

        // The holder follows the link in the mail to the old address.
        var notice = Shop.Smtp.MessagesTo(Email).Last(m => m.Subject?.Contains("your email address changed", StringComparison.Ordinal) == true);
        await Page.GotoAsync(Regex.Match(notice.TextBody ?? string.Empty, @"https?://\S+/Identity/Account/RevertEmailChange\S+").Value);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Undo the email change" })).ToBeVisibleAsync();
        await Page.CheckScreenAsync("revert-email-change");
        await Page.Button("Undo the change").ClickAsync();
        await Expect(Page.Status()).ToContainTextAsync("The email change was undone.");
        await Page.CheckScreenAsync("revert-email-change-done");
    });

    private async Task EnrolledAsync()
    {
        await Page.RegisterAndConfirmAsync(Shop, Email);
        await Page.SignInWithPasswordAsync(Email);
        await Page.AddPhoneAsync(Shop, "650 253 0000", Phone);
        await Page.SignOutAsync();
        Shop.Time.Advance(TimeSpan.FromMinutes(1));
    }
}
