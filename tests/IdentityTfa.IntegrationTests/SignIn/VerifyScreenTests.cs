using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace IdentityTfa.IntegrationTests.SignIn;

/// <summary>The verify screen says what the site's policy is: the code's length and kind, its lifetime, how long a trusted device lasts, when a new code may be sent.</summary>
public class VerifyScreenTests
{
    [Fact]
    public async Task The_words_follow_the_sign_in_policy_and_the_trusted_device_lifetime()
    {
        await using var shop = new ShopFactory(new()
        {
            ["IdentityTfa:Policies:SignIn:Length"] = "8",
            ["IdentityTfa:Policies:SignIn:Type"] = "Alphanumeric",
            ["IdentityTfa:Policies:SignIn:Lifetime"] = "00:05:00",
            ["IdentityTfa:TrustedDeviceLifetime"] = "7.00:00:00",
        });
        using var shopper = await shop.EnrolledShopperAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Equal("Check your phone", verify.Heading);
        Assert.StartsWith("Check your phone - ", verify.Document.Title);
        var code = verify.FieldLabelled("Enter the 8-character code")!;
        Assert.Equal("text", code.GetAttribute("inputmode"));
        Assert.Equal("one-time-code", code.GetAttribute("autocomplete"));
        Assert.Equal("The code expires in 5 minutes.", verify.Document.GetElementById("code-hint")!.TextContent.Trim());
        Assert.Contains("code-hint", code.GetAttribute("aria-describedby")!.Split(' '));
        Assert.NotNull(verify.FieldLabelled("Trust this device for 7 days"));
        Assert.Equal("Not received a code?", verify.Document.QuerySelector("h2#resend-heading")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_default_policy_asks_for_a_6_digit_code_that_expires_in_10_minutes()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        var code = verify.FieldLabelled("Enter the 6-digit code")!;
        Assert.Equal("numeric", code.GetAttribute("inputmode"));
        Assert.Contains("The code expires in 10 minutes.", verify.FlatText);
        Assert.NotNull(verify.FieldLabelled("Trust this device for 30 days"));
        Assert.True(verify.HasButton("Verify"));
    }

    [Fact]
    public async Task After_the_password_the_screen_says_where_the_code_went_and_nothing_that_contradicts_it()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Equal("We sent a code by text message to •••• 0000.", verify.Document.GetElementById("code-destination")!.TextContent.Trim());
        Assert.DoesNotContain("There is no way to send you a code", verify.FlatText);
        Assert.DoesNotContain("No code is waiting", verify.FlatText);
    }

    [Fact]
    public async Task While_the_resend_cooldown_runs_the_seconds_left_are_shown()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        shop.Time.Advance(TimeSpan.FromSeconds(5));
        var later = await shopper.GetAsync(verify.Url.PathAndQuery);

        var wait = later.Document.GetElementById("resend-wait")!;
        Assert.Equal("25", wait.GetAttribute("data-resend-seconds"));
        Assert.Equal("polite", wait.GetAttribute("aria-live"));
        Assert.Equal("You can ask for a new code in 25 seconds.", wait.TextContent.Trim());
        Assert.True(later.HasButton("Send new code"));
        Assert.Empty(later.Alerts);

        shop.Time.Advance(TimeSpan.FromSeconds(25));
        var over = await shopper.GetAsync(verify.Url.PathAndQuery);
        Assert.Equal("0", over.Document.GetElementById("resend-wait")!.GetAttribute("data-resend-seconds"));
        Assert.DoesNotContain("You can ask for a new code in", over.FlatText);
    }

    [Fact]
    public async Task A_wrong_code_is_summed_up_at_the_top_and_tied_to_the_field()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        var (verify, code) = await shopper.PasswordStepAndCodeAsync();

        var refused = await shopper.EnterCodeAsync(verify, WrongCode.For(code));

        var summary = refused.Document.GetElementById("error-summary")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("That code is not right. You have 4 attempts left.", summary.TextContent.Trim());
        var field = refused.FieldLabelled("Enter the 6-digit code")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        var describedBy = field.GetAttribute("aria-describedby")!.Split(' ');
        var message = describedBy.Select(id => refused.Document.GetElementById(id)).First(e => e is not null && e.TextContent.Contains("not right"));
        Assert.Equal("That code is not right. You have 4 attempts left.", message!.TextContent.Trim());
        Assert.StartsWith("Error: Check your phone", refused.Document.Title);
    }

    [Fact]
    public async Task In_Spanish_the_verify_screen_has_no_English_in_its_heading_label_and_buttons()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        shopper.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-ES"));

        // Fields by name: the words that would find them are the ones in question.
        var login = await shopper.GetAsync("/Identity/Account/Login");
        var verify = await shopper.SubmitAsync(login, "Iniciar sesión", ("Input.Email", Email), ("Input.Password", Journeys.Password));

        Assert.Equal("Revise su teléfono", verify.Heading);
        Assert.NotNull(verify.FieldLabelled("Introduzca el código de 6 dígitos"));
        Assert.NotNull(verify.FieldLabelled("Confiar en este dispositivo durante 30 días"));
        Assert.True(verify.HasButton("Verificar"));
        Assert.True(verify.HasButton("Enviar un código nuevo"));
        var words = string.Join(" ", new[] { verify.Heading, verify.Document.GetElementById("code-destination")!.TextContent, verify.Document.GetElementById("code-hint")!.TextContent }
            .Concat(verify.Document.QuerySelectorAll("label, button, h2, a[href*='LoginWithRecoveryCode']").Select(e => e.TextContent)));
        words = Regex.Replace(words, @"•+\s*\d*", " ");
        string[] english = ["code", "Verify", "Send", "new", "Trust", "device", "Enter", "the", "digit", "Check", "your", "phone", "Not received", "Use a", "recovery", "expires", "minutes", "We sent", "by text message"];
        var englishLeft = english.Where(w => Regex.IsMatch(words, $@"(?<!\w){Regex.Escape(w)}(?!\w)", RegexOptions.IgnoreCase)).ToList();
        Assert.True(englishLeft.Count == 0, $"English left: {string.Join(", ", englishLeft)} in: {words}");

        var refused = await shopper.SubmitAsync(verify, "Verificar", ("Input.Code", "12"));
        Assert.Contains("Ese código no es correcto.", refused.Alerts);
    }
}
