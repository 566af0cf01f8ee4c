namespace IdentityTfa.IntegrationTests.Enrolment;

public class TurnOnAndOffTests
{
    [Fact]
    public async Task A_wrong_code_does_not_turn_on_the_phone()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);
        var settings = await shopper.GetAsync("/Identity/Account/Manage/AddPhone");
        var sent = await shopper.SubmitAsync(settings, "Send code", ("Phone number", "650-253-0000"));
        var code = await DevInbox.LatestCodeAsync(shopper, Phone);

        var refused = await shopper.SubmitAsync(sent, "Verify", ("Verification code", WrongCode.For(code)));

        Assert.Contains("That code is not right. You have 4 attempts left.", refused.Alerts);
        var status = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Contains("Two-factor sign-in is off.", status.Text);
        var profile = await shopper.GetAsync("/Identity/Account/Manage");
        Assert.Contains("Phone number None", System.Text.RegularExpressions.Regex.Replace(profile.Text, @"\s+", " "));
        await shopper.SignOutAsync();
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Theory]
    [InlineData("12", "That phone number is not valid")]
    [InlineData("call me maybe", "does not look like a phone number")]
    [InlineData("+44 9065 123456", "cannot receive our codes")]
    [InlineData("<script>alert(1)</script>", "does not look like a phone number")]
    public async Task A_bad_phone_number_gets_a_clear_message_and_no_code(string typed, string message)
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);
        var settings = await shopper.GetAsync("/Identity/Account/Manage/AddPhone");

        var refused = await shopper.SubmitAsync(settings, "Send code", ("Phone number", typed));

        Assert.Equal(200, refused.Status);
        Assert.Contains(message, refused.Alerts);
        Assert.Single(await DevInbox.MessagesAsync(shopper)); // only the confirmation mail
    }

    [Fact]
    public async Task Turning_two_factor_off_needs_the_password()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var settings = await shopper.GetAsync("/Identity/Account/Manage/Disable2fa");

        var refused = await shopper.SubmitAsync(settings, "Turn off two-factor authentication", ("Password", "not-my-password"));
        Assert.Contains("That password is not right", refused.Alerts);
        Assert.Contains("Two-factor sign-in is on.", (await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Text);
        refused = await shopper.GetAsync("/Identity/Account/Manage/Disable2fa");

        var off = await shopper.SubmitAsync(refused, "Turn off two-factor authentication", ("Password", Journeys.Password));
        Assert.Contains("Two-factor sign-in is off.", off.Statuses);
        Assert.Contains("No method is on. Add one below to confirm each sign-in after your password.", off.FlatText);
        await shopper.SignOutAsync();
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);

        var forged = await shopper.PostAsync(
            new Uri(shopper.Client.BaseAddress!, "/Identity/Account/Manage/AddPhone?handler=Send"),
            [new("PhoneNumber", Phone)]);

        Assert.Equal(400, forged.Status);
        Assert.Single(await DevInbox.MessagesAsync(shopper));
    }
}
