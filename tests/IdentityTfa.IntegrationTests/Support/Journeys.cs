namespace IdentityTfa.IntegrationTests.Support;

/// <summary>The steps a shopper takes, written once and used by every test.</summary>
public static class Journeys
{
    public const string Password = "Correct-Horse-9";

    /// <summary>Registers and confirms the email from the link in the mail.</summary>
    public static async Task RegisterAsync(this Shopper shopper, string email)
    {
        var register = await shopper.GetAsync("/Identity/Account/Register");
        var registered = await shopper.SubmitAsync(register, "Register",
            ("Input.Email", email), ("Input.Password", Password), ("Input.ConfirmPassword", Password));
        Assert.Equal("Check your email", registered.Heading);

        var link = await DevInbox.LatestLinkAsync(shopper, email);
        var confirmed = await shopper.GetAsync(link);
        Assert.Contains("Thank you for confirming your email", confirmed.Text);
    }

    /// <summary>Signs in with the password and turns on codes by text message to <paramref name="phone"/>.</summary>
    public static async Task<Page> TurnOnTextMessagesAsync(this Shopper shopper, string email, string phone, string expectedE164)
    {
        await shopper.SignInWithoutSecondFactorAsync(email);
        var settings = await shopper.GetAsync("/Identity/Account/Manage/AddPhone");
        var codeSent = await shopper.SubmitAsync(settings, "Send code", ("Phone number", phone));
        Assert.Contains("We sent a code", codeSent.Statuses);
        var code = await DevInbox.LatestCodeAsync(shopper, expectedE164);
        var verified = await shopper.SubmitAsync(codeSent, "Verify", ("Verification code", code));
        Assert.Contains("Two-factor sign-in by text message is on", verified.Statuses);
        return verified;
    }

    public static async Task SignInWithoutSecondFactorAsync(this Shopper shopper, string email)
    {
        var signedIn = await shopper.PasswordStepAsync(email, Password);
        Assert.Equal("/", signedIn.Path);
    }

    /// <summary>The first step: the sign-in form with email and password.</summary>
    public static async Task<Page> PasswordStepAsync(this Shopper shopper, string email, string password, string? returnUrl = null, bool rememberMe = false)
    {
        var login = await shopper.GetAsync(returnUrl is null ? "/Identity/Account/Login" : $"/Identity/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}");

        // Fields by name and the form's own button: the shopper may read the page in another language.
        var signIn = login.Document.QuerySelector("input[name='Input.Email']")?.Closest("form")?.QuerySelector("button[type=submit]")?.TextContent.Trim()
            ?? throw new InvalidOperationException($"No sign-in form on {login.Path}.");
        return await shopper.SubmitAsync(login, signIn, ("Input.Email", email), ("Input.Password", password), ("Input.RememberMe", rememberMe ? "true" : "false"));
    }

    /// <summary>The password step of an account with text-message codes on, and the code the text brought.</summary>
    public static async Task<(Page Verify, string Code)> PasswordStepAndCodeAsync(this Shopper shopper, string email = Email, string phone = Phone, string? returnUrl = null)
    {
        var verify = await shopper.PasswordStepAsync(email, Password, returnUrl);
        return (verify, await DevInbox.LatestCodeAsync(shopper, phone));
    }

    /// <summary>
    /// The second step: enters the code on the verify screen. The fields are found by name, as their labels follow the
    /// site's policy ("Enter the 6-digit code", "Trust this device for 30 days").
    /// </summary>
    public static Task<Page> EnterCodeAsync(this Shopper shopper, Page verifyScreen, string code, bool trustDevice = false) =>
        shopper.SubmitAsync(verifyScreen, "Verify", ("Input.Code", code), ("Input.TrustDevice", trustDevice ? "true" : "false"));

    /// <summary>Both steps: password, then the code from the text message.</summary>
    public static async Task SignInWithCodeAsync(this Shopper shopper, ShopFactory shop, string email, string phone = Phone)
    {
        var verify = await shopper.PasswordStepAsync(email, Password);
        var signedIn = await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, phone));
        Assert.Equal("/", signedIn.Path);
    }

    public static async Task SignOutAsync(this Shopper shopper)
    {
        var home = await shopper.GetAsync("/");
        await shopper.SubmitAsync(home, "Sign out");
    }

    /// <summary>A shopper with a confirmed account and text-message codes on, signed out.</summary>
    public static async Task<Shopper> EnrolledShopperAsync(this ShopFactory shop, string email = Email, string phone = "+1 650 253 0000", string e164 = Phone)
    {
        var shopper = shop.NewShopper();
        await shopper.RegisterAsync(email);
        await shopper.TurnOnTextMessagesAsync(email, phone, e164);
        await shopper.SignOutAsync();
        return shopper;
    }

    /// <summary>
    /// Passes the re-authentication step-up (a session older than the window, before a change of factors) with a code
    /// sent by text message to <paramref name="e164"/>, and answers the page it returns to.
    /// </summary>
    public static async Task<Page> StepUpWithTextMessageAsync(this Shopper shopper, Page stepUp, string e164 = Phone)
    {
        Assert.Equal("/Identity/Account/StepUp", stepUp.Path);
        var sent = await shopper.SendStepUpCodeByTextAsync(stepUp);
        return await shopper.SubmitAsync(sent, "Verify", ("Code", await DevInbox.LatestCodeAsync(shopper, e164)));
    }

    /// <summary>Presses "Send the code by text message to …" on the step-up screen; the screen that says where it went.</summary>
    public static Task<Page> SendStepUpCodeByTextAsync(this Shopper shopper, Page stepUp) =>
        shopper.SubmitAsync(stepUp, stepUp.ButtonTexts().First(b => b.StartsWith("Send the code by text message", StringComparison.Ordinal)));

    /// <summary>An account made straight in the store: confirmed email, and a confirmed phone when given, with these methods on.</summary>
    public static async Task CreateAccountAsync(this ShopFactory shop, string email, string? phone, params IdentityTfa.Delivery.DeliveryChannel[] methods)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true, PhoneNumber = phone, PhoneNumberConfirmed = phone is not null };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var manager = scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser>>();
        foreach (var channel in methods)
        {
            Assert.True(await manager.EnableConfirmedAsync(user, channel));
        }
    }

    /// <summary>
    /// Turns the authenticator app on for an account, as the enrolment page does with a first code, and makes it the
    /// preferred method; returns the key. The first code is of the previous time step (within the allowed skew), so a
    /// sign-in's code of the current step is not a replay of it.
    /// </summary>
    public static async Task<string> EnableAuthenticatorAsync(this ShopFactory shop, string email)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var methods = scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var key = await methods.GetAuthenticatorKeyAsync(user);
        Assert.True(await methods.EnableAuthenticatorAsync(user, IdentityTfa.Authenticator.AuthenticatorCodes.Compute(key, shop.Time.GetUtcNow().AddSeconds(-30))));
        Assert.True(await methods.SetPreferredAsync(user, IdentityTfa.Delivery.DeliveryChannel.Authenticator));
        return key;
    }

    /// <summary>The authenticator app's code of now for <paramref name="key"/>.</summary>
    public static string AuthenticatorCode(this ShopFactory shop, string key) =>
        IdentityTfa.Authenticator.AuthenticatorCodes.Compute(key, shop.Time.GetUtcNow());

    /// <summary>
    /// An admin with email codes and the authenticator app on (the site policy asks an admin for the app), signed in
    /// with the app's code in a new browser.
    /// </summary>
    public static async Task<Shopper> SignedInAdminAsync(this ShopFactory shop, string email = AdminEmail)
    {
        await shop.CreateAccountAsync(email, null, IdentityTfa.Delivery.DeliveryChannel.Email);
        var key = await shop.EnableAuthenticatorAsync(email);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync("Admin"))
            {
                await roles.CreateAsync(new IdentityRole("Admin"));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, "Admin");
        }

        var admin = shop.NewShopper();
        var verify = await admin.PasswordStepAsync(email, Password);
        var signedIn = await admin.EnterCodeAsync(verify, shop.AuthenticatorCode(key));
        Assert.Equal("/", signedIn.Path);
        return admin;
    }
}
