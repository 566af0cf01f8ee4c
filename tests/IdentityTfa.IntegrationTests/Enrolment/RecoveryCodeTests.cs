namespace IdentityTfa.IntegrationTests.Enrolment;

public class RecoveryCodeTests
{
    [Fact]
    public async Task Turning_on_two_factor_shows_ten_recovery_codes_once()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);

        var turnedOn = await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone);

        Assert.Equal("/Identity/Account/Manage/RecoveryCodes", turnedOn.Path);
        Assert.Equal(10, turnedOn.RecoveryCodes.Count);
        Assert.All(turnedOn.RecoveryCodes, code => Assert.Matches("^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$", code));
        Assert.NotNull(turnedOn.Document.QuerySelector("a[download='recovery-codes.txt']"));
        Assert.True(turnedOn.HasButton("Copy codes"));
        var again = await shopper.GetAsync("/Identity/Account/Manage/RecoveryCodes");
        Assert.Empty(again.RecoveryCodes);
        Assert.Contains("You have 10 unused recovery codes.", again.Text);
        Assert.All(turnedOn.RecoveryCodes, code => Assert.DoesNotContain(code, shop.DatabaseText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_never_again()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        var codes = (await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;
        await shopper.SignOutAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var recoveryPage = await shopper.GetAsync(verify.Document.QuerySelector("a[href*='LoginWithRecoveryCode']")!.GetAttribute("href")!);
        var signedIn = await shopper.SubmitAsync(recoveryPage, "Sign in", ("Recovery code", codes[3].ToLowerInvariant()));
        Assert.Equal("/Identity/Account/RecoveryCodeUsed", signedIn.Path);
        Assert.Contains("You signed in with a recovery code. You have 9 left.", signedIn.Statuses);
        var makeNew = signedIn.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Make new recovery codes").GetAttribute("href")!;
        Assert.True((await shopper.GetAsync(makeNew)).HasButton("Make new recovery codes"));
        Assert.True((await shopper.GetAsync("/Identity/Account/Manage/GenerateRecoveryCodes")).HasButton("Make new recovery codes"));
        var status = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Contains("You have 9 recovery codes left.", status.FlatText);
        await shopper.SignOutAsync();

        await shopper.PasswordStepAsync(Email, Journeys.Password);
        var secondUse = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/LoginWithRecoveryCode"), "Sign in", ("Recovery code", codes[3]));

        Assert.Equal("/Identity/Account/LoginWithRecoveryCode", secondUse.Path);
        Assert.Contains("That recovery code is not valid or was already used.", secondUse.Alerts);
    }

    [Fact]
    public async Task New_recovery_codes_need_the_password_and_end_the_old_ones()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        var oldCodes = (await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;
        var page = await shopper.GetAsync("/Identity/Account/Manage/RecoveryCodes");

        var refused = await shopper.SubmitAsync(page, "Make new recovery codes", ("Password", "wrong-password"));
        Assert.Contains("That password is not right", refused.Alerts);
        Assert.Empty(refused.RecoveryCodes);

        var renewed = await shopper.SubmitAsync(refused, "Make new recovery codes", ("Password", Journeys.Password));
        Assert.Equal(10, renewed.RecoveryCodes.Count);
        Assert.Empty(renewed.RecoveryCodes.Intersect(oldCodes));
        await shopper.SignOutAsync();

        await shopper.PasswordStepAsync(Email, Journeys.Password);
        var oldRefused = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/LoginWithRecoveryCode"), "Sign in", ("Recovery code", oldCodes[0]));
        Assert.Contains("not valid", oldRefused.Alerts);
        var newAccepted = await shopper.SubmitAsync(oldRefused, "Sign in", ("Recovery code", renewed.RecoveryCodes[0]));
        Assert.Equal("/Identity/Account/RecoveryCodeUsed", newAccepted.Path);
    }

    [Fact]
    public async Task The_status_page_warns_when_few_recovery_codes_are_left()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        var codes = (await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone)).RecoveryCodes;
        await shopper.SignOutAsync();

        for (var i = 0; i < 7; i++)
        {
            await shopper.PasswordStepAsync(Email, Journeys.Password);
            var signedIn = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/LoginWithRecoveryCode"), "Sign in", ("Recovery code", codes[i]));
            Assert.Equal("/Identity/Account/RecoveryCodeUsed", signedIn.Path);
            if (i < 6)
            {
                await shopper.SignOutAsync();
            }
        }

        var status = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Contains("You have 3 recovery codes left.", status.FlatText);
        Assert.Contains("You are running out of recovery codes.", status.Alerts);
    }
}
