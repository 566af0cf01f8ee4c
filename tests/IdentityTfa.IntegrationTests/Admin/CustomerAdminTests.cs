using IdentityTfa.Audit;

namespace IdentityTfa.IntegrationTests.Admin;

public class CustomerAdminTests
{
    private const string Customer = Email;
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task Turning_a_customers_two_factor_off_and_on_changes_their_next_sign_in()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        using var customer = shop.NewShopper();

        var details = await FindCustomerAsync(admin, Customer);
        var off = await admin.SubmitAsync(await FollowAsync(admin, details, "Turn two-factor sign-in off"), "Turn off");
        Assert.Contains($"Two-factor sign-in is off for {Customer}.", off.Statuses);
        Assert.Equal("/", (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(admin, Customer, "two-factor sign-in is off"));
        await customer.SignOutAsync();

        var on = await admin.SubmitAsync(off, "Turn two-factor sign-in on");
        Assert.Contains($"Two-factor sign-in is on for {Customer}.", on.Statuses);
        Assert.Equal(VerifyPath, (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);
    }

    [Fact]
    public async Task The_audit_log_says_an_admins_action_in_the_admins_language_and_the_CSV_keeps_it_raw()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        await admin.SubmitAsync(await FollowAsync(admin, await FindCustomerAsync(admin, Customer), "Turn two-factor sign-in off"), "Turn off");

        var query = $"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}&Type=admin.action";
        Assert.Contains("turned two-factor sign-in off", await DetailsAsync(admin, query));
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var spanish = await DetailsAsync(admin, query);

        Assert.Contains("desactivó el inicio de sesión en dos pasos", spanish);
        Assert.DoesNotContain("turned two-factor sign-in off", spanish);
        Assert.Contains("turned two-factor sign-in off", await CsvAsync(admin, query));
    }

    [Fact]
    public async Task A_sign_in_row_says_in_words_how_the_account_signed_in_and_the_CSV_keeps_the_raw_value()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var query = $"/Admin/Audit?Account={Uri.EscapeDataString(AdminEmail)}&Type={AuditEventTypes.SignedIn}";
        var details = await DetailsAsync(admin, query);

        Assert.Contains("with a second factor", details);
        Assert.DoesNotContain(details, d => d.Contains("amr=", StringComparison.Ordinal));
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        Assert.Contains("con un segundo factor", await DetailsAsync(admin, query));
        Assert.Contains("amr=mfa", await CsvAsync(admin, query));
    }

    [Fact]
    public async Task The_admin_sets_the_method_resets_revokes_and_unlocks_and_each_is_audited()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        using var customer = shop.NewShopper();
        var verify = await customer.PasswordStepAsync(Customer, Journeys.Password);
        for (var i = 0; i < 5; i++)
        {
            verify = await customer.EnterCodeAsync(verify, "000000" == await DevInbox.LatestCodeAsync(admin, Phone) ? "111111" : "000000");
        }

        var details = await FindCustomerAsync(admin, Customer);
        Assert.Contains("Locked out Yes", details.FlatText);
        var unlocked = await admin.SubmitAsync(details, "Unlock account");
        Assert.Contains($"{Customer} was unlocked.", unlocked.Statuses);

        var method = await admin.SubmitAsync(unlocked, "Set method", ("Method", "Email"));
        Assert.Contains($"{Customer} now gets codes by Email.", method.Statuses);
        Assert.Contains("Email to j•••@example.com (preferred)", method.FlatText);

        var revoked = await admin.SubmitAsync(await FollowAsync(admin, method, "Revoke trusted devices"), "Revoke");
        Assert.Contains("trusted devices of jane@example.com were revoked", revoked.Statuses);

        var reset = await admin.SubmitAsync(await FollowAsync(admin, revoked, "Reset two-factor sign-in"), "Reset");
        Assert.Contains($"Two-factor sign-in of {Customer} was reset.", reset.Statuses);
        Assert.Contains("Methods None", reset.FlatText);

        var audit = await admin.GetAsync($"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}&Type=admin.action");
        foreach (var action in new[] { "unlocked the account", "set the method to Email", "revoked 0 trusted devices", "reset two-factor sign-in" })
        {
            Assert.Contains(action, audit.Text);
        }

        Assert.Contains(AdminEmail, audit.Text);
    }

    [Fact]
    public async Task Customers_are_found_by_email_prefix_and_phone_and_paged()
    {
        await using var shop = new ShopFactory();
        for (var i = 0; i < 30; i++)
        {
            await shop.CreateAccountAsync($"shopper{i:D2}@example.com", null);
        }

        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var first = await admin.GetAsync("/Admin/Customers?Search=shopper");
        Assert.Contains("30 customers, page 1 of 2.", first.Text);
        var second = await admin.GetAsync(first.Document.QuerySelector("a[href*='p=2']")!.GetAttribute("href")!);
        Assert.Contains("page 2 of 2", second.Text);
        Assert.Contains("shopper29@example.com", second.Text);

        var byPhone = await admin.GetAsync("/Admin/Customers?Search=650253");
        Assert.Contains("1 customer, page 1 of 1.", byPhone.Text);
        Assert.Contains(Customer, byPhone.Text);
        Assert.Contains("Text message", byPhone.Text);
        Assert.DoesNotContain("Sms", byPhone.Text);
    }

    [Fact]
    public async Task The_customer_page_names_methods_in_words()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();

        var details = await FindCustomerAsync(admin, Customer);

        Assert.Contains("Text message to •••• 0000 (preferred)", details.FlatText);
        Assert.Equal(["Text message", "Voice call", "Email"], details.Document.QuerySelectorAll("#channel option").Select(o => o.TextContent.Trim()));
        Assert.DoesNotContain("Sms", details.Text);
    }

    [Fact]
    public async Task Turning_off_asks_for_confirmation_and_does_nothing_until_confirmed()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        using var customer = shop.NewShopper();
        var details = await FindCustomerAsync(admin, Customer);

        var confirm = await FollowAsync(admin, details, "Turn two-factor sign-in off");
        Assert.Equal("Are you sure?", confirm.Document.QuerySelector("h2#confirm-heading")!.TextContent.Trim());
        Assert.Contains($"Turn off two-factor sign-in for {Customer}?", confirm.Text);
        Assert.Contains("btn-danger", confirm.FormWithButton("Turn off").QuerySelector("button")!.ClassName);
        Assert.Contains("Two-factor sign-in On", confirm.FlatText);
        Assert.Equal(VerifyPath, (await customer.PasswordStepAsync(Customer, Journeys.Password)).Path);

        var cancelled = await FollowAsync(admin, confirm, "Cancel");
        Assert.Contains("Two-factor sign-in On", cancelled.FlatText);
        Assert.False(cancelled.HasButton("Turn off"));

        var off = await admin.SubmitAsync(await FollowAsync(admin, cancelled, "Turn two-factor sign-in off"), "Turn off");
        Assert.Contains($"Two-factor sign-in is off for {Customer}.", off.Statuses);
        Assert.Contains("Two-factor sign-in Off", off.FlatText);
    }

    [Fact]
    public async Task Reset_and_revoke_ask_for_confirmation_first()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, Phone, DeliveryChannel.Sms);
        using var admin = await shop.SignedInAdminAsync();
        var details = await FindCustomerAsync(admin, Customer);

        var reset = await FollowAsync(admin, details, "Reset two-factor sign-in");
        Assert.Contains($"Reset two-factor sign-in for {Customer}?", reset.Text);
        Assert.Contains("Text message to •••• 0000", reset.FlatText);
        var revoke = await FollowAsync(admin, details, "Revoke trusted devices");
        Assert.Contains($"Revoke the trusted devices of {Customer}?", revoke.Text);
        Assert.True(revoke.HasButton("Revoke"));
    }

    [Fact]
    public async Task The_customer_page_lists_each_passkey_with_its_date_and_removes_one_audited_after_a_recent_second_factor()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Customer, null, DeliveryChannel.Email);
        using var phone = new SoftAuthenticator();
        using var laptop = new SoftAuthenticator();
        await AddPasskeyAsync(shop, phone, "Phone", new DateTimeOffset(2026, 10, 2, 8, 15, 0, TimeSpan.Zero));
        await AddPasskeyAsync(shop, laptop, "Work laptop", new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero));
        using var admin = await shop.SignedInAdminAsync();

        var details = await FindCustomerAsync(admin, Customer);
        var listed = details.Document.QuerySelector("#customer-passkeys")!.TextContent;
        Assert.Contains("Phone, added 2026-10-02 08:15 UTC", listed);
        Assert.Contains("Work laptop, added 2026-11-03 09:30 UTC", listed);

        // Past the re-authentication window the removal is not done: the admin steps up first, as for every admin change.
        shop.Time.Advance(TimeSpan.FromMinutes(11));
        var stale = await admin.SubmitAsync(details, "Remove passkey Phone");
        Assert.Equal("/Identity/Account/StepUp", stale.Path);
        Assert.Equal(2, await PasskeyCountAsync(shop));

        using var fresh = await shop.SignedInAdminAsync("second-admin@example.com");
        var removed = await fresh.SubmitAsync(await FindCustomerAsync(fresh, Customer), "Remove passkey Phone");
        Assert.Contains($"The passkey \"Phone\" was removed from {Customer}.", removed.Statuses);
        var left = removed.Document.QuerySelector("#customer-passkeys")!.TextContent;
        Assert.DoesNotContain("Phone", left);
        Assert.Contains("Work laptop", left);
        Assert.Equal(1, await PasskeyCountAsync(shop));
        Assert.Contains("Passkey", removed.Document.QuerySelector("#customer-methods")!.TextContent);

        // Audited as the customer's own removal is (with the admin as actor), and as an admin action; the customer is told.
        var audit = await fresh.GetAsync($"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}&Type={AuditEventTypes.PasskeyRemoved}");
        Assert.Contains("second-admin@example.com", audit.Text);
        Assert.Contains("Phone", audit.Text);
        Assert.Contains("removed the passkey \"Phone\"", await DetailsAsync(fresh, $"/Admin/Audit?Account={Uri.EscapeDataString(Customer)}&Type=admin.action"));
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(fresh, Customer, "a passkey was removed"));

        // The last passkey takes the passkey method with it; an id the customer does not have is refused.
        var last = await fresh.SubmitAsync(removed, "Remove passkey Work laptop");
        Assert.Null(last.Document.QuerySelector("#customer-passkeys"));
        Assert.DoesNotContain("Passkey", last.Document.QuerySelector("#customer-methods")?.TextContent ?? string.Empty);
        Assert.Equal(0, await PasskeyCountAsync(shop));
    }

    private static async Task AddPasskeyAsync(ShopFactory shop, SoftAuthenticator authenticator, string name, DateTimeOffset createdAt)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(Customer))!;
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, authenticator.Passkey(name, createdAt))).Succeeded);
        Assert.True(await scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser>>().EnablePasskeysAsync(user));
    }

    private static async Task<int> PasskeyCountAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return (await users.GetPasskeysAsync((await users.FindByEmailAsync(Customer))!)).Count;
    }

    private static async Task<Page> FollowAsync(Shopper admin, Page page, string linkText)
    {
        var link = page.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == linkText);
        return await admin.GetAsync(new Uri(page.Url, link.GetAttribute("href")!).PathAndQuery);
    }

    private static async Task<Page> FindCustomerAsync(Shopper admin, string email)
    {
        var list = await admin.GetAsync($"/Admin/Customers?Search={Uri.EscapeDataString(email)}");
        var link = list.Document.QuerySelectorAll("table a").Single(a => a.TextContent == email).GetAttribute("href")!;
        return await admin.GetAsync(link);
    }

    /// <summary>The Detail column of the audit page (the seventh).</summary>
    /// <summary>The audit log's CSV export of the rows <paramref name="query"/> shows, through the page's own link.</summary>
    private static async Task<string> CsvAsync(Shopper admin, string query)
    {
        using var csv = await admin.Client.GetAsync((await admin.GetAsync(query)).Document.QuerySelector("a[href*='handler=Csv']")!.GetAttribute("href")!);
        return await csv.Content.ReadAsStringAsync();
    }

    private static async Task<List<string>> DetailsAsync(Shopper admin, string query) =>
        (await admin.GetAsync(query)).Document.QuerySelectorAll("tbody tr td:nth-child(7)").Select(td => td.TextContent.Trim()).ToList();
}
