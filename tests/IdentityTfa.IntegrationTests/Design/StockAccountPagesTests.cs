namespace IdentityTfa.IntegrationTests.Design;

/// <summary>Identity UI's own account pages, served by the package in its design: labelled fields, errors tied to them, and the journeys through them.</summary>
public class StockAccountPagesTests
{
    public static TheoryData<string> Forms() =>
    [
        "/Identity/Account/ForgotPassword",
        "/Identity/Account/ResetPassword?code=Y29kZQ",
        "/Identity/Account/ResendEmailConfirmation",
    ];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Every_field_has_a_label_tied_to_it_and_the_page_one_heading(string path)
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        var page = await visitor.GetAsync(path);

        var fields = page.Document.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea").ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            var id = field.GetAttribute("id");
            Assert.False(string.IsNullOrEmpty(id), $"A field on {path} has no id.");
            var labels = page.Document.QuerySelectorAll($"label[for='{id}']").ToList();
            Assert.True(labels.Count == 1, $"Field {id} on {path} has {labels.Count} labels.");
            Assert.False(string.IsNullOrWhiteSpace(labels[0].TextContent));
            Assert.True(labels[0].CompareDocumentPosition(field).HasFlag(AngleSharp.Dom.DocumentPositions.Following), $"The label of {id} on {path} does not come before it.");
        }

        Assert.Single(page.Document.QuerySelectorAll("h1"));
        Assert.Empty(page.Document.QuerySelectorAll("button.btn-close:empty:not([aria-label])"));
    }

    [Fact]
    public async Task A_wrong_email_is_summarised_at_the_top_and_tied_to_its_field()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        var refused = await visitor.SubmitAsync(await visitor.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", "not-an-address"));

        Assert.StartsWith("Error: ", refused.Document.Title);
        var summary = refused.Document.GetElementById("error-summary");
        Assert.NotNull(summary);
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        Assert.Equal("Enter an email address like name@example.com.", summary.TextContent.Trim());
        var field = refused.FieldLabelled("Email")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal("Enter an email address like name@example.com.", refused.Document.GetElementById(field.GetAttribute("aria-describedby")!)?.TextContent.Trim());
        Assert.Contains(refused.Document.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.Contains("/js/error-summary.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shopper_who_forgot_the_password_resets_it_from_the_emailed_link_and_signs_in_with_the_new_one()
    {
        await using var shop = new ShopFactory();
        using var shopper = shop.NewShopper();
        await shopper.RegisterAsync(Email);

        var sent = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", Email));
        Assert.Equal("/Identity/Account/ForgotPasswordConfirmation", sent.Path);
        Assert.Equal("Check your email", sent.Heading);

        var reset = await shopper.GetAsync(await DevInbox.LatestLinkAsync(shopper, Email));
        Assert.Equal("Choose a new password", reset.Heading);
        var done = await shopper.SubmitAsync(reset, "Reset password",
            ("Email", Email), ("New password", "Brand-New-Tea-7"), ("Confirm new password", "Brand-New-Tea-7"));
        Assert.Equal("/Identity/Account/ResetPasswordConfirmation", done.Path);
        Assert.Contains("You can now sign in with your new password.", done.Statuses);

        var signedIn = await shopper.PasswordStepAsync(Email, "Brand-New-Tea-7");
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        var sent = await visitor.SubmitAsync(await visitor.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", "nobody@example.com"));
        var resent = await visitor.SubmitAsync(await visitor.GetAsync("/Identity/Account/ResendEmailConfirmation"), "Resend", ("Email", "nobody@example.com"));

        Assert.Equal("/Identity/Account/ForgotPasswordConfirmation", sent.Path);
        Assert.Contains("If that address has an account waiting for confirmation", resent.Statuses);
        Assert.Equal(0, await DevInbox.CountToAsync(visitor, "nobody@example.com"));
    }

    [Fact]
    public async Task A_broken_confirmation_link_says_so_and_offers_a_new_one()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();

        var page = await visitor.GetAsync("/Identity/Account/ConfirmEmail?userId=nobody&code=not-a-code");

        Assert.Equal("This link does not work", page.Heading);
        Assert.StartsWith("Error: ", page.Document.Title);
        Assert.Contains("Error confirming your email", page.Alerts);
    }

    [Fact]
    public async Task The_stock_pages_speak_the_shoppers_language()
    {
        await using var shop = new ShopFactory();
        using var visitor = shop.NewShopper();
        visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var lockout = await visitor.GetAsync("/Identity/Account/Lockout");
        var denied = await visitor.GetAsync("/Identity/Account/AccessDenied");

        Assert.Equal("Konto gesperrt", lockout.Heading);
        Assert.Equal("Zugriff verweigert", denied.Heading);
        Assert.Equal("de", denied.Document.DocumentElement.GetAttribute("lang"));
    }
}
