namespace IdentityTfa.IntegrationTests.SignIn;

public class EmailAndChannelTests
{
    [Fact]
    public async Task A_shopper_turns_on_email_codes_and_signs_in_with_a_code_by_email()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);
        var settings = await shopper.GetAsync("/Identity/Account/Manage/AddEmail");
        var sent = await shopper.SubmitAsync(settings, "Send code");
        var on = await shopper.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(shopper, Email)));
        Assert.Contains("Two-factor sign-in by email is on", on.Statuses);
        await shopper.SignOutAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We sent a code by email to j•••@example.com.", verify.Text);
        var messages = await DevInbox.MessagesAsync(shopper);
        Assert.Equal("Your Tiny Tea Shop sign-in code", messages[0].Subject);
        var signedIn = await shopper.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(shopper, Email));
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task A_shopper_switches_from_text_message_to_email_on_the_verify_screen()
    {
        // Long codes, so the two codes cannot be equal by chance.
        await using var shop = new ShopFactory(new() { ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric" });
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var settings = await shopper.GetAsync("/Identity/Account/Manage/AddEmail");
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await shopper.SubmitAsync(settings, "Send code");
        await shopper.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(shopper, Email)));
        await shopper.SignOutAsync();
        shop.Time.Advance(TimeSpan.FromMinutes(1));

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Assert.Contains("by text message to •••• 0000", verify.Text);
        var smsCode = await DevInbox.LatestCodeAsync(shopper, Phone);
        shop.Time.Advance(TimeSpan.FromSeconds(30));
        var switched = await shopper.SubmitAsync(verify, "Send the code by email to j•••@example.com instead");

        Assert.Contains("We sent a code by email to j•••@example.com.", switched.Text);
        Assert.True(switched.HasButton("Send the code by text message to •••• 0000 instead"));
        var emailCode = await DevInbox.LatestCodeAsync(shopper, Email);
        Assert.Contains("That code is not right", (await shopper.EnterCodeAsync(switched, smsCode)).Alerts);

        var signedIn = await shopper.EnterCodeAsync(await shopper.GetAsync(switched.Url.PathAndQuery), emailCode);
        Assert.Equal("/", signedIn.Path);
    }
}
