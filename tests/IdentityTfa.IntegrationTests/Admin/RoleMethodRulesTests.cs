namespace IdentityTfa.IntegrationTests.Admin;

/// <summary>
/// Per role, the methods that count for it (issue 22): an admin sets them on the site policy page, a member without one
/// of them is sent to enrol before the admin area opens, and a method in the set is accepted.
/// </summary>
public class RoleMethodRulesTests
{
    private const string Bob = "bob@example.com";
    private const string BobsPhone = "+16502530001";
    private const string Sue = "sue@example.com";
    private const string SuesPhone = "+16502530002";

    [Fact]
    public async Task A_role_given_only_the_app_sends_its_member_with_a_text_to_enrol_and_a_role_given_text_accepts_it()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        var policy = await admin.GetAsync("/Admin/Policy");
        Assert.NotNull(policy.Document.QuerySelector("#role-0-Authenticator[checked]"));
        Assert.Null(policy.Document.QuerySelector("#role-0-Sms[checked]"));

        var saved = await admin.SubmitAsync(policy, "Save policy",
            ("Text message (role Admin)", "true"),
            ("Add a role", "Support"), ("Authenticator app (new role)", "true"));

        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        Assert.Equal("Support", saved.Document.QuerySelector("#role-1")!.GetAttribute("value"));
        Assert.NotNull(saved.Document.QuerySelector("#role-1-Authenticator[checked]"));
        Assert.Null(saved.Document.QuerySelector("#role-1-Sms[checked]"));
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var change = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().SingleAsync(a => a.Type == "policy.changed");
            Assert.Equal(["Authenticator", "Passkey"], RoleMethods(change.OldValue, "Admin"));
            Assert.Equal(["Authenticator", "Passkey", "Sms"], RoleMethods(change.NewValue, "Admin"));
            Assert.Equal(["Authenticator"], RoleMethods(change.NewValue, "Support"));
        }

        // An admin with only text messages: the Admin role's set now takes them.
        await shop.CreateAccountAsync(Bob, BobsPhone, DeliveryChannel.Sms);
        await AddToRolesAsync(shop, Bob, "Admin");
        using var bob = shop.NewShopper();
        await bob.SignInWithCodeAsync(shop, Bob, BobsPhone);
        var inside = await bob.GetAsync("/Admin/Customers");
        Assert.Equal("/Admin/Customers", inside.Path);

        // An admin who is also in Support, with only text messages: Support's set does not take them.
        await shop.CreateAccountAsync(Sue, SuesPhone, DeliveryChannel.Sms);
        await AddToRolesAsync(shop, Sue, "Admin", "Support");
        using var sue = shop.NewShopper();
        await sue.SignInWithCodeAsync(shop, Sue, SuesPhone);
        var enrol = await sue.GetAsync("/Admin/Customers");
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", enrol.Path);
        Assert.Equal("Your role needs an authenticator app. Codes by text, call or email can be taken over (a SIM swap, a forwarded number, a read mailbox), so they are not enough for your role.",
            enrol.Document.QuerySelector("#admin-must-enrol")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_role_ticked_with_no_method_is_not_saved_and_the_page_says_why()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();

        var refused = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Add a role", "Support"));

        Assert.Contains("Tick at least one method for the role Support, or clear its name to drop its rule.", refused.Alerts);
        await using var scope = shop.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().AnyAsync(a => a.Type == "policy.changed"));
    }

    [Fact]
    public async Task The_enrol_page_names_the_methods_of_the_roles_rule_in_the_members_language()
    {
        await using var shop = new ShopFactory();
        // The default rule of the Admin role: a passkey or the app. An admin with only email codes is sent to add one of
        // the rule's methods, and told which count.
        await shop.CreateAccountAsync(Bob, null, DeliveryChannel.Email);
        await AddToRolesAsync(shop, Bob, "Admin");
        using var bob = shop.NewShopper();
        await bob.SignInWithCodeAsync(shop, Bob, Bob);
        var enrol = await bob.GetAsync("/Admin/Customers");
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", enrol.Path);
        Assert.Equal(
            "Your role needs a passkey or an authenticator app. Codes by text, call or email can be taken over (a SIM swap, a forwarded number, a read mailbox), so they are not enough for your role.",
            enrol.Document.QuerySelector("#admin-must-enrol")!.TextContent.Trim());

        bob.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var spanish = await bob.GetAsync("/Admin/Customers");
        Assert.StartsWith("Su rol necesita una llave de acceso o una aplicación de autenticación.", spanish.Document.QuerySelector("#admin-must-enrol")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_step_up_page_names_the_methods_of_the_roles_rule_and_does_not_call_text_weak_when_the_rule_takes_it()
    {
        await using var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Text message (role Admin)", "true"));

        // An admin with the app, signed in with an email code (not in the Admin rule): the step-up names the rule's methods.
        await shop.CreateAccountAsync(Sue, null, DeliveryChannel.Email);
        await shop.EnableAuthenticatorAsync(Sue);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True(await scope.ServiceProvider.GetRequiredService<IdentityTfa.Methods.ITwoFactorMethodManager<IdentityUser>>()
                .SetPreferredAsync((await users.FindByEmailAsync(Sue))!, DeliveryChannel.Email));
        }

        await AddToRolesAsync(shop, Sue, "Admin");
        using var sue = shop.NewShopper();
        await sue.SignInWithCodeAsync(shop, Sue, Sue);
        var stepUp = await sue.GetAsync("/Admin/Customers");

        Assert.Equal("/Identity/Account/StepUp", stepUp.Path);
        Assert.Equal("Your role needs a passkey, an authenticator app or a code by text message.", stepUp.Document.QuerySelector("#strong-reason")!.TextContent.Trim());
        sue.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        Assert.Equal("Ihre Rolle braucht einen Passkey, eine Authenticator-App oder einen Code per SMS.",
            (await sue.GetAsync(stepUp.Url.PathAndQuery)).Document.QuerySelector("#strong-reason")!.TextContent.Trim());
    }

    private static async Task AddToRolesAsync(ShopFactory shop, string email, params string[] roles)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var role in roles)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }

            await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, role);
        }
    }

    // The methods a role's rule names in an audited policy value, in alphabetical order.
    private static string[] RoleMethods(string? policyJson, string role) =>
        [.. System.Text.Json.Nodes.JsonNode.Parse(policyJson!)!["RoleMethods"]![role]!.AsArray().Select(m => m!.GetValue<string>()).Order(StringComparer.Ordinal)];
}
