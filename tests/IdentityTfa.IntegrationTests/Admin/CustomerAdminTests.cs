using IdentityTfa.Delivery;
using IdentityTfa.IntegrationTests.Support;

namespace IdentityTfa.IntegrationTests.Admin;

public class CustomerAdminTests
{
    private const string Customer = "jane@example.com";
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task Turning_a_customers_two_factor_off_and_on_changes_their_next_sign_in()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        using var customer = shop.NewShopper();

        var details = await FindCustomerAsync(admin, Customer);
        var off = await admin.SubmitAsync(details, "Turn two-factor sign-in off");
        Assert.Contains($"Two-factor sign-in is off for {Customer}.", off.Statuses);
        Assert.Equal("/", (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(admin, Customer, "two-factor sign-in is off"));
        await customer.SignOutAsync();

        var on = await admin.SubmitAsync(off, "Turn two-factor sign-in on");
        Assert.Contains($"Two-factor sign-in is on for {Customer}.", on.Statuses);
        Assert.Equal(VerifyPath, (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);
    }

    [Fact]
    public async Task The_admin_sets_the_method_resets_revokes_and_unlocks_and_each_is_audited()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        using var customer = shop.NewShopper();
        var verify = await customer.PasswordStepAsync(Customer, Journeys.Password);
        for (var i = 0; i < 5; i++)
        {
            verify = await customer.EnterCodeAsync(verify, "000000" == await DevInbox.LatestCodeAsync(admin, "+16502530000") ? "111111" : "000000");
        }

        var details = await FindCustomerAsync(admin, Customer);
        Assert.Contains("Locked out Yes", details.FlatText);
        var unlocked = await admin.SubmitAsync(details, "Unlock account");
        Assert.Contains($"{Customer} was unlocked.", unlocked.Statuses);

        var method = await admin.SubmitAsync(unlocked, "Set method", ("Method", "Email"));
        Assert.Contains($"{Customer} now gets codes by Email.", method.Statuses);
        Assert.Contains("Email to j•••@example.com (preferred)", method.FlatText);

        var revoked = await admin.SubmitAsync(method, "Revoke trusted devices");
        Assert.Contains("trusted devices of jane@example.com were revoked", revoked.Statuses);

        var reset = await admin.SubmitAsync(revoked, "Reset two-factor sign-in");
        Assert.Contains($"Two-factor sign-in of {Customer} was reset.", reset.Statuses);
        Assert.Contains("Methods None", reset.FlatText);

        var audit = await admin.GetAsync($"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}&Type=admin.action");
        foreach (var action in new[] { "unlocked the account", "set the method to Email", "revoked 0 trusted devices", "reset two-factor sign-in" })
        {
            Assert.Contains(action, audit.Text);
        }

        Assert.Contains("admin@example.com", audit.Text);
    }

    [Fact]
    public async Task Customers_are_found_by_email_prefix_and_phone_and_paged()
    {
        await using var shop = new ShopFactory();
        for (var i = 0; i < 30; i++)
        {
            await shop.CreateAccountAsync($"shopper{i:D2}@example.com", null);
        }

        await shop.CreateAccountAsync(Customer, "+16502530000", DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var first = await admin.GetAsync("/Admin/Customers?Search=shopper");
        Assert.Contains("30 customers, page 1 of 2.", first.Text);
        var second = await admin.GetAsync(first.Document.QuerySelector("a[href*='p=2']")!.GetAttribute("href")!);
        Assert.Contains("page 2 of 2", second.Text);
        Assert.Contains("shopper29@example.com", second.Text);

        var byPhone = await admin.GetAsync("/Admin/Customers?Search=650253");
        Assert.Contains("1 customer, page 1 of 1.", byPhone.Text);
        Assert.Contains(Customer, byPhone.Text);
        Assert.Contains("Sms", byPhone.Text);
    }

    private static async Task<Page> FindCustomerAsync(Shopper admin, string email)
    {
        var list = await admin.GetAsync($"/Admin/Customers?Search={Uri.EscapeDataString(email)}");
        var link = list.Document.QuerySelectorAll("table a").Single(a => a.TextContent == email).GetAttribute("href")!;
        return await admin.GetAsync(link);
    }
}
