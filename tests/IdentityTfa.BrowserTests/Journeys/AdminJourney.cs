using System.Text.RegularExpressions;
using IdentityTfa.Authenticator;
using IdentityTfa.BrowserTests.Support;
using IdentityTfa.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityTfa.BrowserTests.Journeys;

public class AdminJourney(BrowserFixture browser) : JourneyTest(browser)
{
    private const string Admin = AdminEmail;
    private const string AdminPassword = "Admin-Passw0rd!";
    private const string Customer = Email;

    [Fact]
    public Task J7_admin_enrols_the_authenticator_app_signs_in_with_it_and_changes_a_customers_sign_in() => JourneyAsync(async () =>
    {
        // The customer, with text-message codes on, in a browser of their own.
        var (customerContext, customer) = await NewBrowserAsync();
        await using var _ = customerContext;
        await customer.RegisterAndConfirmAsync(Shop, Customer);
        await customer.SignInWithPasswordAsync(Customer);
        await customer.AddPhoneAsync(Shop, "650 253 0000", Phone);
        await customer.SignOutAsync();

        // The seeded admin must add the authenticator app before the admin area (the site policy asks an admin for it;
        // text, call and email are not enough), then signs in with the app's code; the test is the app.
        await Page.SignInWithPasswordAsync(Admin, AdminPassword);
        await Page.Link("Admin").ClickAsync();
        await Expect(Page.Locator("#admin-must-enrol")).ToContainTextAsync("Your role needs a passkey or an authenticator app.");
        await Page.CheckScreenAsync("admin-needs-authenticator");
        var key = Regex.Replace(await Page.Locator("#authenticator-key").InnerTextAsync(), @"\s", string.Empty).ToUpperInvariant();
        await Page.GetByLabel("Enter the 6-digit code your app shows").FillAsync(AuthenticatorCodes.Compute(key, Shop.Time.GetUtcNow()));
        await Page.Button("Verify").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your new recovery codes" })).ToBeVisibleAsync();
        await Page.Button("I have saved these codes").ClickAsync();
        await Page.GotoAsync("/Admin/Customers");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Customers" })).ToBeVisibleAsync();
        await Page.SignOutAsync();
        Shop.Time.Advance(TimeSpan.FromMinutes(1));
        await Page.SignInWithPasswordAsync(Admin, AdminPassword);
        await Page.CheckVerifyScreenAsync("verify-admin-authenticator");
        await Page.GetByLabel("Enter the 6-digit code").FillAsync(AuthenticatorCodes.Compute(key, Shop.Time.GetUtcNow()));
        await Page.Button("Verify").ClickAsync();
        await Page.GotoAsync("/Admin/Customers");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Customers" })).ToBeVisibleAsync();
        await Page.CheckScreenAsync("admin-customers");

        // Find the customer and turn their second factor off: their next sign-in asks no code.
        await Page.GetByLabel("Search by email, name or phone").FillAsync("jane");
        await Page.Button("Search").ClickAsync();
        await Page.Link(Customer).ClickAsync();
        await Page.CheckScreenAtAsync("/Admin/Customers/", "admin-customer");
        await Page.Link("Turn two-factor sign-in off").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Are you sure?" })).ToBeVisibleAsync();
        await Page.CheckScreenAsync("admin-customer-confirm");
        await Page.Button("Turn off").ClickAsync();
        await Expect(Page.Status()).ToHaveTextAsync($"Two-factor sign-in is off for {Customer}.");
        await Page.CheckScreenAsync("admin-customer-off");
        Shop.Time.Advance(TimeSpan.FromMinutes(1));
        await customer.SignInWithPasswordAsync(Customer);
        await Expect(customer.Link("Account settings")).ToBeVisibleAsync();
        await customer.SignOutAsync();

        // On again: the code is asked.
        await Page.Button("Turn two-factor sign-in on").ClickAsync();
        await Expect(Page.Status()).ToHaveTextAsync($"Two-factor sign-in is on for {Customer}.");
        await customer.SignInWithPasswordAsync(Customer);
        await Expect(customer.VerifyHeading()).ToBeVisibleAsync();

        // The site no longer lets customers use it: the next sign-in asks no code.
        await Page.Link("Site policy").ClickAsync();
        await Page.CheckScreenAtAsync("/Admin/Policy", "admin-policy");
        await Page.GetByLabel("Allow customers to use two-factor authentication").UncheckAsync();
        await Page.Button("Save policy").ClickAsync();
        // Asked first, with the count of customers it affects.
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("affects 1 customer who has it on now");
        await Page.CheckScreenAsync("admin-policy-confirm");
        await Page.GetByLabel("Yes, turn two-factor sign-in off for customers").CheckAsync();
        await Page.Button("Save policy").ClickAsync();
        await Expect(Page.Status()).ToHaveTextAsync("The site policy is saved and in force.");
        await Page.CheckScreenAsync("admin-policy-saved");
        await customer.SignInWithPasswordAsync(Customer);
        await Expect(customer.Link("Account settings")).ToBeVisibleAsync();

        // Every change is in the audit log.
        await Page.Link("Audit log").ClickAsync();
        await Page.CheckScreenAtAsync("/Admin/Audit", "admin-audit");
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "Site policy changed" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "turned two-factor sign-in off" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = "turned two-factor sign-in on" })).ToBeVisibleAsync();

        // Forbidding every method the customer has is first counted and explained, and waits for a confirmation.
        await Page.Link("Site policy").ClickAsync();
        foreach (var method in new[] { "Text message", "Voice call", "Email" })
        {
            await Page.GetByLabel(method, new() { Exact = true }).UncheckAsync();
        }

        await Page.Button("Save policy").ClickAsync();
        await Expect(Page.Locator("#confirm-stranded")).ToContainTextAsync("1 customer has only methods this change forbids.");
        await Page.CheckScreenAsync("admin-policy-stranded");

        // The admin pages the journey does not pass through.
        await Page.GotoAsync("/Admin");
        await Page.CheckScreenAsync("admin-home");
        await Page.GotoAsync("/Admin/Providers");
        await Page.CheckScreenAsync("admin-providers");

        // On a phone the confirmation still works.
        await Page.SetViewportSizeAsync(390, 900);
        await Page.GotoAsync("/Admin/Customers?Search=jane");
        await Page.Link(Customer).ClickAsync();
        await Page.Link("Reset two-factor sign-in").ClickAsync();
        await Expect(Page.Button("Reset")).ToBeVisibleAsync();
        await Page.Link("Cancel").ClickAsync();
        await Expect(Page.Link("Reset two-factor sign-in")).ToBeVisibleAsync();
    });
}
