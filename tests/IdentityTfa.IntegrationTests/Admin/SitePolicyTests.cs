using System.Text.RegularExpressions;

namespace IdentityTfa.IntegrationTests.Admin;

public class SitePolicyTests
{
    private const string Customer = Email;
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task Forbidding_customer_two_factor_takes_effect_at_once_and_admins_keep_theirs()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        var policy = await admin.GetAsync("/Admin/Policy");

        var asked = await admin.SubmitAsync(policy, "Save policy", ("Allow customers to use two-factor authentication", "false"));
        var saved = await admin.SubmitAsync(asked, "Save policy", ("Allow customers to use two-factor authentication", "false"), ("Yes, turn two-factor sign-in off for customers", "true"));
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);

        using var customer = shop.NewShopper();
        Assert.Equal("/", (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);
        Assert.Contains("does not offer two-factor authentication", (await customer.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Text);
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", (await customer.GetAsync("/Identity/Account/Manage/AddPhone")).Path);

        using var adminAgain = shop.NewShopper();
        Assert.Equal(VerifyPath, (await adminAgain.PasswordStepAsync(AdminEmail, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Members_of_a_required_role_must_enrol_before_anything_else()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, null);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole("Wholesale"));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.AddToRoleAsync((await users.FindByEmailAsync(Customer))!, "Wholesale");
        }

        using var admin = await shop.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Required for roles", "Wholesale"));

        using var customer = shop.NewShopper();
        await customer.PasswordStepAsync(Customer, Journeys.Password);
        var orders = await customer.GetAsync("/Orders");

        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", orders.Path);
        Assert.Contains("Your account must use two-factor sign-in.", orders.Alerts);
    }

    [Fact]
    public async Task A_policy_change_applies_to_the_next_code()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy",
            ("Policies.SignIn.Length", "8"), ("Policies.SignIn.MessageTemplate", "Code {code} for {company}"), ("Company name", "Big Tea"));
        Assert.Contains("saved", saved.Statuses);

        using var customer = shop.NewShopper();
        await customer.PasswordStepAsync(Customer, Journeys.Password);
        var body = (await DevInbox.MessagesAsync(customer)).First(m => m.To == Phone).Body;
        Assert.Matches(@"^Code \d{8} for Big Tea$", body);
    }

    [Fact]
    public async Task A_template_per_language_is_used_for_shoppers_of_that_language()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Message template in German", "Ihr Code: {code}"));

        using var german = shop.NewShopper();
        german.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        await german.PasswordStepAsync(Customer, Journeys.Password);
        var body = (await DevInbox.MessagesAsync(german)).First(m => m.To == Phone).Body;
        Assert.Matches(@"^Ihr Code: \d{6}$", body);
    }

    [Fact]
    public async Task Send_limits_are_set_at_run_time_and_a_bad_one_is_refused()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Policies.SignIn.SendsPerDestination", "three a day"));
        Assert.Contains("Sign-in codes: the sends per destination must be count/period, for example 10/1d (was 'three a day').", refused.Alerts);
        Assert.DoesNotContain("IdentityTfa:", refused.Alerts);

        await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Policies.SignIn.AllowedCountries", "GB"));
        using var customer = shop.NewShopper();
        var verify = await customer.PasswordStepAsync(Customer, Journeys.Password);
        Assert.Contains("We cannot send codes to phone numbers in this country.", verify.Alerts);
    }

    [Fact]
    public async Task A_bad_policy_is_refused_with_the_setting_named()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Policies.PhoneVerification.MessageTemplate", "no placeholder here"));

        Assert.Contains("Phone verification codes: the message template must contain the {code} placeholder.", refused.Alerts);
        Assert.StartsWith("Error: ", refused.Document.Title);
        var field = refused.Document.QuerySelector("[name='Policies.PhoneVerification.MessageTemplate']")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("error-summary", field.GetAttribute("aria-describedby"));
        Assert.True(field.Closest("details")!.HasAttribute("open"), "the group with the error is open");
        Assert.Null(refused.Document.QuerySelector("[name='Policies.SignIn.MessageTemplate']")!.GetAttribute("aria-invalid"));
    }

    [Theory]
    [InlineData(null, "Save policy", "Sign-in codes: the code length must be between 4 and 16 (was 2).")]
    [InlineData("es", "Guardar la política", "Códigos de Inicio de sesión: la longitud del código debe estar entre 4 y 16 (era 2).")]
    public async Task A_refused_setting_is_said_in_the_admins_language_about_its_field(string? language, string save, string sentence)
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        if (language is not null)
        {
            admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), save, ("Policies.SignIn.Length", "2"));

        var summary = refused.Document.GetElementById("error-summary")!;
        Assert.Equal([sentence], summary.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        var field = refused.Document.QuerySelector("[name='Policies.SignIn.Length']")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("error-summary", field.GetAttribute("aria-describedby"));
        Assert.Null(refused.Document.QuerySelector("[name='Policies.PhoneVerification.Length']")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Audit_rows_are_written_for_each_event_never_hold_the_code_and_export_as_CSV()
    {
        await using var shop = new ShopFactory();
        using var customer = await shop.EnrolledShopperAsync(Customer);
        var (verify, code) = await customer.PasswordStepAndCodeAsync(Customer);
        verify = await customer.EnterCodeAsync(verify, WrongCode.For(code));
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await customer.EnterCodeAsync(verify, code, trustDevice: true);
        using var admin = await shop.SignedInAdminAsync();

        var audit = await admin.GetAsync($"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}");
        var events = audit.Document.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        foreach (var phrase in new[] { "Code sent", "Code rejected", "Code verified", "Method turned on", "Two-factor sign-in turned on", "Browser trusted", "Signed in", "New recovery codes made" })
        {
            Assert.Contains(phrase, events);
        }

        Assert.DoesNotContain("code.sent", audit.Text);
        Assert.All(audit.Document.QuerySelectorAll("tbody tr td:first-child"), td => Assert.Contains("text-nowrap", td.ClassName));

        Assert.Contains("•••• 0000", audit.Text);
        using var csv = await admin.Client.GetAsync(audit.Document.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("time,type,account,actor,ip,user_agent,channel,purpose,destination", text);
        var times = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => DateTime.Parse(line.Split(',')[0].Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.True(times[0] > times[^1], "the newest event comes first");
        Assert.Contains("\"code.verified\",\"jane@example.com\"", text);
        Assert.DoesNotMatch($@"\b{code}\b", Regex.Replace(text, @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", string.Empty));
    }

    [Fact]
    public async Task The_policy_form_is_grouped_per_purpose_and_explains_each_format()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var policy = await admin.GetAsync("/Admin/Policy");

        var groups = policy.Document.QuerySelectorAll("details").ToList();
        Assert.Equal(["Sign-in codes", "Phone verification codes", "Email verification codes"], groups.Select(d => d.QuerySelector("summary")!.TextContent.Trim()));
        Assert.Equal([true, false, false], groups.Select(d => d.HasAttribute("open")));
        var limit = policy.Document.QuerySelector("[name='Policies.SignIn.SendsPerDestination']")!;
        Assert.Equal("count/period, for example 10/1d = ten a day; periods: s, m, h, d", policy.Document.GetElementById(limit.GetAttribute("aria-describedby")!)!.TextContent.Trim());
        var lifetime = policy.Document.QuerySelector("[name='Policies.SignIn.Lifetime']")!;
        Assert.Contains("00:10:00 = ten minutes", policy.Document.GetElementById(lifetime.GetAttribute("aria-describedby")!)!.TextContent);
        Assert.Contains("{company} the company name", policy.Text);
        Assert.Equal(["Digits (0-9)", "Letters", "Hexadecimal", "Letters and digits"], policy.Document.QuerySelectorAll("#SignIn-type option").Select(o => o.TextContent.Trim()));
        Assert.Equal(["None", "Text message", "Email"], policy.Document.QuerySelectorAll("#NewAccountMethod option").Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public async Task Every_audit_event_type_has_a_phrase_in_each_language()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var english = await admin.GetAsync("/Admin/Audit");
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var spanish = await admin.GetAsync("/Admin/Audit");

        var options = english.Document.QuerySelectorAll("#type option").Skip(1).ToList();
        Assert.Equal(IdentityTfa.Audit.AuditEventTypes.All, options.Select(o => o.GetAttribute("value")));
        Assert.All(options, o => Assert.Matches(@"^[A-Z][a-z ,-]+[a-z]$", o.TextContent.Trim()));
        var inSpanish = spanish.Document.QuerySelectorAll("#type option").Skip(1).Select(o => o.TextContent.Trim());
        Assert.Empty(inSpanish.Intersect(options.Select(o => o.TextContent.Trim())));
        Assert.Contains("Código enviado", inSpanish);
    }

    [Fact]
    public async Task The_providers_page_lists_providers_and_sends_a_test_message()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        var page = await admin.GetAsync("/Admin/Providers");
        Assert.Contains("Twilio text", page.Text);
        Assert.Contains("Not configured", page.Text);
        // Only the ways a message goes: nothing is ever sent for an authenticator app or a passkey.
        Assert.Equal(
            ["Text message", "Voice call", "Email"],
            page.Document.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).Distinct());

        var devInboxSms = page.Document.QuerySelectorAll("#provider option").Single(o => o.TextContent == "Development inbox (Text message)").GetAttribute("value")!;
        var sent = await admin.SubmitAsync(page, "Send test message", ("Provider", devInboxSms), ("Phone number or email address", "+1 650 253 0000"));

        Assert.Contains("took the message", sent.Statuses + sent.Alerts);
    }
}
