using System.Text.RegularExpressions;
using IdentityTfa.Delivery;
using IdentityTfa.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.IntegrationTests.Admin;

public class SitePolicyTests
{
    private const string Customer = "jane@example.com";
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task Forbidding_customer_two_factor_takes_effect_at_once_and_admins_keep_theirs()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        var policy = await admin.GetAsync("/Admin/Policy");

        var saved = await admin.SubmitAsync(policy, "Save policy", ("Allow customers to use two-factor authentication", "false"));
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);

        using var customer = shop.NewShopper();
        Assert.Equal("/", (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);
        Assert.Contains("does not offer two-factor authentication", (await customer.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication")).Text);
        Assert.Equal("/Identity/Account/Manage/TwoFactorAuthentication", (await customer.GetAsync("/Identity/Account/Manage/AddPhone")).Path);

        using var adminAgain = shop.NewShopper();
        Assert.Equal(VerifyPath, (await adminAgain.PasswordStepAsync("admin@example.com", Journeys.Password)).Path);
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
        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy",
            ("Policies.SignIn.Length", "8"), ("Policies.SignIn.MessageTemplate", "Code {code} for {company}"), ("Company name", "Big Tea"));
        Assert.Contains("saved", saved.Statuses);

        using var customer = shop.NewShopper();
        await customer.PasswordStepAsync(Customer, Journeys.Password);
        var body = (await DevInbox.MessagesAsync(customer)).First(m => m.To == "+16502530000").Body;
        Assert.Matches(@"^Code \d{8} for Big Tea$", body);
    }

    [Fact]
    public async Task A_template_per_language_is_used_for_shoppers_of_that_language()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Message template in de (empty for the one above)", "Ihr Code: {code}"));

        using var german = shop.NewShopper();
        german.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        await german.PasswordStepAsync(Customer, Journeys.Password);
        var body = (await DevInbox.MessagesAsync(german)).First(m => m.To == "+16502530000").Body;
        Assert.Matches(@"^Ihr Code: \d{6}$", body);
    }

    [Fact]
    public async Task Send_limits_are_set_at_run_time_and_a_bad_one_is_refused()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Policies.SignIn.SendsPerDestination", "three a day"));
        Assert.Contains("IdentityTfa:Policies:SignIn:SendsPerDestination must be count/period", refused.Alerts);

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

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Policies.SignIn.MessageTemplate", "no placeholder here"));

        Assert.Contains("IdentityTfa:Policies:SignIn:MessageTemplate must contain the {code} placeholder.", refused.Alerts);
    }

    [Fact]
    public async Task Audit_rows_are_written_for_each_event_never_hold_the_code_and_export_as_CSV()
    {
        await using var shop = new ShopFactory();
        using var customer = await shop.EnrolledShopperAsync(Customer);
        var verify = await customer.PasswordStepAsync(Customer, Journeys.Password);
        var code = await DevInbox.LatestCodeAsync(customer, "+16502530000");
        verify = await customer.EnterCodeAsync(verify, code == "000000" ? "111111" : "000000");
        await customer.EnterCodeAsync(verify, code, trustDevice: true);
        using var admin = await shop.SignedInAdminAsync();

        var audit = await admin.GetAsync($"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}");
        foreach (var type in new[] { "code.sent", "code.rejected", "code.verified", "method.enabled", "tfa.enabled", "device.trusted", "account.signed_in", "recovery.generated" })
        {
            Assert.Contains(type, audit.Text);
        }

        Assert.Contains("•••• 0000", audit.Text);
        using var csv = await admin.Client.GetAsync(audit.Document.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("time,type,account,actor,ip,user_agent,channel,purpose,destination", text);
        Assert.Contains("\"code.verified\",\"jane@example.com\"", text);
        Assert.DoesNotMatch($@"\b{code}\b", Regex.Replace(text, @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", string.Empty));
    }

    [Fact]
    public async Task The_providers_page_lists_providers_and_sends_a_test_message()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        var page = await admin.GetAsync("/Admin/Providers");
        Assert.Contains("Twilio text", page.Text);
        Assert.Contains("Not configured", page.Text);

        var devInboxSms = page.Document.QuerySelectorAll("#provider option").Single(o => o.TextContent == "Development inbox (Sms)").GetAttribute("value")!;
        var sent = await admin.SubmitAsync(page, "Send test message", ("Provider", devInboxSms), ("Phone number or email address", "+1 650 253 0000"));

        Assert.Contains("took the message", sent.Statuses + sent.Alerts);
    }
}
