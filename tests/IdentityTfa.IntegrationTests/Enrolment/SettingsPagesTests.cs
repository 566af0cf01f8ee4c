namespace IdentityTfa.IntegrationTests.Enrolment;

/// <summary>The settings frame and the enrolment steps as a user reads them: the menu, the statuses, the number shown back, the saved-codes step, the language.</summary>
public class SettingsPagesTests
{
    [Fact]
    public async Task The_menu_marks_the_current_page_and_only_it()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        Assert.Equal(["Two-factor authentication"], CurrentEntries(await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")));
        Assert.Equal(["Trusted devices"], CurrentEntries(await shopper.GetAsync("/Identity/Account/Manage/TrustedDevices")));
        Assert.Equal(["Profile"], CurrentEntries(await shopper.GetAsync("/Identity/Account/Manage")));
        Assert.Equal(["Password"], CurrentEntries(await shopper.GetAsync("/Identity/Account/Manage/ChangePassword")));
        var menu = (await shopper.GetAsync("/Identity/Account/Manage/AddPhone")).Document.QuerySelectorAll("#manage-nav a").Select(a => a.TextContent.Trim());
        Assert.Equal(["Profile", "Email", "Password", "Two-factor authentication", "Trusted devices", "Personal data"], menu);
    }

    [Fact]
    public async Task A_stock_settings_page_has_one_h1_in_the_frame()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var password = await shopper.GetAsync("/Identity/Account/Manage/ChangePassword");

        Assert.Single(password.Document.QuerySelectorAll("h1"));
        Assert.Single((await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Document.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task The_overview_shows_its_own_status_once_and_never_the_stale_confirm_email_status()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email); // Identity's ConfirmEmail leaves "Thank you for confirming your email." behind.
        await shopper.SignInWithoutSecondFactorAsync(Email);

        var overview = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.DoesNotContain("Thank you for confirming", overview.Text);
        Assert.Equal(string.Empty, overview.Statuses);

        var codes = await shopper.TurnOnTextMessagesAsync(Email, "650 253 0000", Phone);
        Assert.Single(codes.Document.QuerySelectorAll("[role=status]"));
        var after = await shopper.SubmitAsync(codes, "I have saved these codes");
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", after.Path);
        Assert.DoesNotContain("is on.", after.Statuses);
        Assert.DoesNotContain("Thank you for confirming", after.Text);
    }

    [Fact]
    public async Task A_status_is_shown_once()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var off = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/Disable2fa"), "Turn off two-factor authentication", ("Password", Journeys.Password));

        Assert.Single(off.Document.QuerySelectorAll("[role=status]"));
        Assert.Equal(1, CountOf(off.FlatText, "Two-factor sign-in is off."));
        Assert.Equal(string.Empty, (await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Statuses);
    }

    [Fact]
    public async Task After_send_code_the_number_is_shown_in_full_with_change_number()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);
        await shopper.SignInWithoutSecondFactorAsync(Email);

        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", "(650) 253-0000"));

        Assert.Contains("We sent a code to +1 650-253-0000.", sent.Statuses);
        Assert.True(sent.HasButton("Change number"));
        var change = await shopper.SubmitAsync(sent, "Change number");
        Assert.Equal("+1 650-253-0000", change.FieldLabelled("Phone number")?.GetAttribute("value"));
        Assert.True(change.HasButton("Send code"));
        Assert.False(change.HasButton("Verify"));
    }

    [Fact]
    public async Task After_send_code_the_address_is_shown_in_full_with_change_address()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code", ("Email address", "jane.new@example.com"));

        Assert.Contains("We sent a code to jane.new@example.com.", sent.Statuses);
        var change = await shopper.SubmitAsync(sent, "Change address");
        Assert.Equal("jane.new@example.com", change.FieldLabelled("Email address")?.GetAttribute("value"));
    }

    [Fact]
    public async Task New_recovery_codes_say_they_are_shown_once_and_end_with_i_have_saved_these_codes()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var codes = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/RecoveryCodes"), "Make new recovery codes", ("Password", Journeys.Password));

        Assert.Equal(10, codes.RecoveryCodes.Count);
        Assert.Contains("They are shown only this once.", codes.FlatText);
        var overview = await shopper.SubmitAsync(codes, "I have saved these codes");
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", overview.Path);
        Assert.Equal("Two-factor authentication", overview.Heading);
    }

    [Fact]
    public async Task The_spanish_overview_has_no_english_left()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code");
        await shopper.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(shopper, Email)));
        shopper.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var overview = await shopper.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");

        Assert.Equal("Verificación en dos pasos", overview.Heading);
        var menu = overview.Document.QuerySelectorAll("#manage-nav a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Perfil", "Correo electrónico", "Contraseña", "Verificación en dos pasos", "Dispositivos de confianza", "Datos personales"], menu);
        Assert.Contains("Guardar método preferido", overview.ButtonTexts());
        var settings = System.Text.RegularExpressions.Regex.Replace(
            overview.Document.QuerySelector("#manage-nav")!.TextContent + " " + overview.Document.QuerySelector("#settings-page")!.TextContent, @"\s+", " ");
        foreach (var english in new[] { "Two-factor", "Text message", "Email to", "preferred", "Methods", "Remove", "Recovery codes", "Trusted devices",
                     "Turn off", "Save", "You have", "Add a phone", "Change phone", "Profile", "Password", "Personal data" })
        {
            Assert.DoesNotContain(english, settings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_email_page_is_ours_with_its_label_on_its_box_and_sends_the_change_link()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);

        var email = await shopper.GetAsync("/Identity/Account/Manage/Email");
        Assert.Equal("Email", email.Heading);
        Assert.Equal(["Email"], CurrentEntries(email));
        Assert.Contains("Confirmed", email.FlatText);
        Assert.Equal(string.Empty, email.FieldLabelled("New email")?.GetAttribute("value"));

        var sent = await shopper.SubmitAsync(email, "Change email", ("New email", "jane.other@example.com"));

        Assert.Equal(string.Empty, sent.Alerts);
        Assert.Contains("Confirmation link to change email sent.", sent.Statuses);
        Assert.Single(sent.Document.QuerySelectorAll("[role=status]"));
        Assert.Contains("confirmemailchange", await DevInbox.LatestLinkAsync(shopper, "jane.other@example.com"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_password_page_is_ours_and_a_wrong_current_password_is_an_error_summary()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var page = await shopper.GetAsync("/Identity/Account/Manage/ChangePassword");
        Assert.Equal("Change password", page.Heading);

        var refused = await shopper.SubmitAsync(page, "Update password",
            ("Current password", "not-it"), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));

        Assert.Equal("Incorrect password.", refused.Document.QuerySelector("#error-summary")?.TextContent.Trim());
        Assert.Equal("true", refused.FieldLabelled("Current password")?.GetAttribute("aria-invalid"));
        var changed = await shopper.SubmitAsync(refused, "Update password",
            ("Current password", Journeys.Password), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));
        Assert.Contains("Your password has been changed.", changed.Statuses);
    }

    private static List<string> CurrentEntries(Page page) =>
        page.Document.QuerySelectorAll("#manage-nav a[aria-current=page]").Select(a => a.TextContent.Trim()).ToList();

    private static int CountOf(string text, string sentence) =>
        (text.Length - text.Replace(sentence, string.Empty, StringComparison.Ordinal).Length) / sentence.Length;
}
