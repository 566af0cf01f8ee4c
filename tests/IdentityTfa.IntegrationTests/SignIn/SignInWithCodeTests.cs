namespace IdentityTfa.IntegrationTests.SignIn;

public class SignInWithCodeTests
{
    [Fact]
    public async Task A_newcomer_registers_turns_on_text_codes_and_signs_in_with_password_then_code()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.TurnOnTextMessagesAsync(Email, "(650) 253-0000", Phone);
        await shopper.SignOutAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password, returnUrl: "/Orders");

        Assert.Equal("/Identity/Account/LoginWith2fa", verify.Path);
        Assert.Equal("Check your phone", verify.Heading);
        Assert.Contains("We sent a code by text message to •••• 0000.", verify.Text);
        var codeField = verify.FieldLabelled("Enter the 6-digit code")!;
        Assert.Equal("one-time-code", codeField.GetAttribute("autocomplete"));
        Assert.Equal("numeric", codeField.GetAttribute("inputmode"));
        Assert.True(verify.HasButton("Send new code"));
        Assert.NotNull(verify.FieldLabelled("Trust this device for 30 days"));

        var orders = await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone));

        Assert.Equal("/Orders", orders.Path);
        Assert.Equal("Your orders", orders.Heading);
    }

    [Fact]
    public async Task The_password_step_alone_does_not_reach_the_orders_page()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();

        await shopper.PasswordStepAsync(Email, Journeys.Password);
        var orders = await shopper.GetAsync("/Orders");

        Assert.Equal("/Identity/Account/Login", orders.Path);
    }

    [Fact]
    public async Task A_wrong_code_says_how_many_attempts_are_left()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();

        var refused = await shopper.EnterCodeAsync(verify, WrongCode.For(code));

        Assert.Equal("/Identity/Account/LoginWith2fa", refused.Path);
        Assert.Contains("That code is not right. You have 4 attempts left.", refused.Alerts);
        var signedIn = await shopper.EnterCodeAsync(refused, code);
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task An_expired_code_says_so_and_a_new_code_works()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Policies:SignIn:Lifetime"] = "00:02:00" });
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();

        shop.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await shopper.EnterCodeAsync(verify, code);

        Assert.Contains("This code has expired. Send a new code.", expired.Alerts);
        var resent = await shopper.SubmitAsync(expired, "Send new code");
        Assert.Contains("We sent you a new code", resent.Statuses);
        var signedIn = await shopper.EnterCodeAsync(resent, await DevInbox.LatestCodeAsync(shopper, Phone));
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task A_used_code_does_not_sign_in_again()
    {
        // Long codes, so the next code cannot equal the used one by chance.
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric" });
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();
        await shopper.EnterCodeAsync(verify, code);
        await shopper.SignOutAsync();

        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var replayed = await shopper.EnterCodeAsync(again, code);

        Assert.Equal("/Identity/Account/LoginWith2fa", replayed.Path);
        Assert.Contains("That code is not right", replayed.Alerts);
    }

    [Fact]
    public async Task Send_new_code_ends_the_old_one_and_the_new_one_works()
    {
        await using var shop = new ShopFactory(new()
        {
            ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric",
        });
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, oldCode) = await shopper.PasswordStepAndCodeAsync();

        shop.Time.Advance(TimeSpan.FromSeconds(31));
        var resent = await shopper.SubmitAsync(verify, "Send new code");
        var newCode = await DevInbox.LatestCodeAsync(shopper, Phone);
        var oldRefused = await shopper.EnterCodeAsync(resent, oldCode);
        var signedIn = await shopper.EnterCodeAsync(oldRefused, newCode);

        Assert.NotEqual(oldCode, newCode);
        Assert.Contains("That code is not right", oldRefused.Alerts);
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task Send_new_code_within_the_cooldown_asks_to_wait()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        shop.Time.Advance(TimeSpan.FromSeconds(10));
        var refused = await shopper.SubmitAsync(verify, "Send new code");

        Assert.Contains("You can ask for a new code in 20 seconds.", refused.Statuses);
        Assert.Empty(refused.Alerts);
        Assert.Equal(2, await DevInbox.CountToAsync(shopper, Phone)); // enrolment code and the one sign-in code
    }

    [Fact]
    public async Task Trust_this_device_skips_the_code_in_that_browser_and_not_in_another()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone), trustDevice: true);
        await shopper.SignOutAsync();

        var sameBrowser = await shopper.PasswordStepAsync(Email, Journeys.Password);
        using var otherBrowser = shop.NewShopper();
        var otherBrowserPage = await otherBrowser.PasswordStepAsync(Email, Journeys.Password);

        Assert.Equal("/", sameBrowser.Path);
        Assert.Equal("/Identity/Account/LoginWith2fa", otherBrowserPage.Path);
    }

    [Fact]
    public async Task Too_many_wrong_codes_lock_the_account_and_say_when_to_retry()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var (page, code) = await shopper.PasswordStepAndCodeAsync();
        var wrong = WrongCode.For(code);

        var lastBeforeLock = page;
        for (var i = 0; i < 5; i++)
        {
            lastBeforeLock = page;
            page = await shopper.EnterCodeAsync(page, wrong);
        }

        Assert.Equal("Account locked", page.Heading);
        Assert.Contains("This account is locked. Try again after", page.Alerts);
        Assert.Contains("(in 15 minutes)", page.Alerts);
        // Nothing on the screen would be refused until then: no code field, no sending, no recovery code.
        Assert.Null(page.FieldLabelled("Enter the 6-digit code"));
        Assert.Empty(page.Document.QuerySelectorAll("main form"));
        Assert.DoesNotContain("No code is waiting", page.FlatText);
        Assert.DoesNotContain("Use a recovery code", page.FlatText);
        Assert.NotNull(page.Document.QuerySelector("main a[href='/Identity/Account/ForgotPassword']"));

        // The right code posted anyway (the form of the screen before the lock) is refused, and the screen stays.
        var rightCodeNow = await shopper.EnterCodeAsync(lastBeforeLock, code);
        Assert.Equal("/Identity/Account/LoginWith2fa", rightCodeNow.Path);
        Assert.Contains("This account is locked", rightCodeNow.Alerts);
        Assert.Equal("Account locked", (await shopper.GetAsync(rightCodeNow.Url.PathAndQuery)).Heading);
    }

    [Fact]
    public async Task A_return_url_outside_the_shop_is_not_followed()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password, returnUrl: "https://evil.example/phish");

        var landed = await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Phone));

        Assert.Equal("localhost", landed.Url.Host);
        Assert.Equal("/", landed.Path);
    }

    [Fact]
    public async Task The_verify_screen_without_the_password_step_sends_back_to_sign_in()
    {
        await using var shop = new ShopFactory();
        using var stranger = shop.NewShopper();

        var page = await stranger.GetAsync("/Identity/Account/LoginWith2fa");

        Assert.Equal("/Identity/Account/Login", page.Path);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();

        var unknown = await shopper.PasswordStepAsync("nobody@example.com", Journeys.Password);
        var wrongPassword = await shopper.PasswordStepAsync(Email, "Wrong-Password-1");

        Assert.Equal(unknown.Status, wrongPassword.Status);
        Assert.Equal(unknown.Path, wrongPassword.Path);
        Assert.Equal("Invalid email or password.", unknown.Alerts);
        Assert.Equal(unknown.Alerts, wrongPassword.Alerts);
    }
}
