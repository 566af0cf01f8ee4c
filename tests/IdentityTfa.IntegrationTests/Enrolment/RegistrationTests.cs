namespace IdentityTfa.IntegrationTests.Enrolment;

public class RegistrationTests
{
    [Fact]
    public async Task Registering_with_a_phone_and_its_code_starts_with_two_factor_on()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        var register = await shopper.GetAsync("/Identity/Account/Register");
        var sent = await shopper.SubmitAsync(register, "Send code", ("Phone number (optional)", "(650) 253-0000"));
        Assert.Contains("We sent a code to +1 650-253-0000.", sent.Statuses);

        var done = await shopper.SubmitAsync(sent, "Register",
            ("Email", Email), ("Password", Journeys.Password), ("Confirm password", Journeys.Password),
            ("Verification code", await DevInbox.LatestCodeAsync(shopper, Phone)));

        Assert.Equal("Check your email", done.Heading);
        Assert.Equal(10, done.RecoveryCodes.Count);
        await shopper.GetAsync(await DevInbox.LatestLinkAsync(shopper, Email));
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("We sent a code by text message to •••• 0000.", verify.Text);
    }

    [Fact]
    public async Task A_wrong_registration_code_creates_no_account()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Register"), "Send code", ("Phone number (optional)", "650 253 0000"));
        var code = await DevInbox.LatestCodeAsync(shopper, Phone);

        var refused = await shopper.SubmitAsync(sent, "Register",
            ("Email", Email), ("Password", Journeys.Password), ("Confirm password", Journeys.Password),
            ("Verification code", WrongCode.For(code)));

        Assert.Contains("That code is not right. You have 4 attempts left.", refused.Alerts);
        Assert.Equal("Create an account", refused.Heading);
        Assert.Null(await DevInbox.LatestWithSubjectAsync(shopper, Email, "Confirm your email"));
    }

    [Fact]
    public async Task Without_a_phone_registration_is_the_usual_one_and_two_factor_is_off()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);

        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task New_accounts_start_with_email_codes_when_the_site_says_so()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:NewAccountMethod"] = "Email" });
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We sent a code by email to j•••@example.com.", verify.Text);
    }

    [Fact]
    public async Task Send_code_keeps_every_typed_field_and_shows_the_number_in_full_with_change_number()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        var register = await shopper.GetAsync("/Identity/Account/Register");

        var sent = await shopper.SubmitAsync(register, "Send code",
            ("Email", Email), ("Password", Journeys.Password), ("Confirm password", Journeys.Password),
            ("Phone number (optional)", "(650) 253-0000"));

        Assert.Equal(Email, sent.FieldLabelled("Email")!.GetAttribute("value"));
        Assert.Equal(Journeys.Password, sent.FieldLabelled("Password")!.GetAttribute("value"));
        Assert.Equal("+1 650-253-0000", sent.Document.GetElementById("code-sent-to")!.TextContent.Trim());
        Assert.True(sent.HasButton("Change number"));

        var changing = await shopper.SubmitAsync(sent, "Change number");
        Assert.Equal(Email, changing.FieldLabelled("Email")!.GetAttribute("value"));
        Assert.Equal(Phone, changing.FieldLabelled("Phone number (optional)")!.GetAttribute("value"));
        Assert.True(changing.HasButton("Send code"));

        // A second send within the cooldown is refused, and what was typed still stays.
        var again = await shopper.SubmitAsync(changing, "Send code", ("Phone number (optional)", "650 253 0000"));
        Assert.Contains("You can ask for a new one in", again.Alerts);
        Assert.Equal(Email, again.FieldLabelled("Email")!.GetAttribute("value"));
    }
}
