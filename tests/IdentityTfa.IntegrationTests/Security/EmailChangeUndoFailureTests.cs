using IdentityTfa.Audit;
using Microsoft.Extensions.Options;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// The changer registers the old address as a new account before the owner follows the undo link: the address cannot
/// come back, and the page says so in words (never "undone"), while the account is still made safe and it is audited.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class EmailChangeUndoFailureTests
{
    private const string Attacker = "mallory@example.net";

    [Fact]
    public async Task When_the_attacker_registered_the_old_address_the_page_says_it_could_not_be_restored_and_the_account_is_still_made_safe()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        using var attacker = shop.NewShopper();
        await attacker.SignInWithCodeAsync(shop, Email);
        await EmailChangeTests.ChangeEmailOnSettingsPageAsync(attacker, Attacker);
        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, "your email address changed");

        // The old address is free now: the attacker takes it with a second account.
        await shop.CreateAccountAsync(Email, null);

        var page = await owner.SubmitAsync(await owner.GetAsync(EmailChangeTests.UndoLink(notice!.Value.Body)), "Undo the change");

        Assert.Equal("Your old email address could not be restored", page.Heading);
        Assert.Contains("Your old email address could not be restored: another account uses it now.", page.Alerts);
        Assert.Contains("Contact the shop", page.Alerts);
        Assert.DoesNotContain("undone", page.Statuses + page.Heading);

        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var changed = await users.FindByEmailAsync(Attacker);
            Assert.NotNull(changed);
            Assert.False(await users.HasPasswordAsync(changed));
            var entry = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>()
                .SingleAsync(a => a.Type == AuditEventTypes.EmailChangeUndone);
            Assert.StartsWith("the old address could not be restored", entry.Detail);
        }

        // The changer's password is gone and their session dies at its next security-stamp check.
        using (var again = shop.NewShopper())
        {
            Assert.StartsWith("/Identity/Account/Login", (await again.PasswordStepAsync(Attacker, Journeys.Password)).Path);
        }

        shop.Time.Advance(shop.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval + TimeSpan.FromMinutes(1));
        Assert.StartsWith("/Identity/Account/Login", (await attacker.GetAsync("/Identity/Account/Manage")).Path);

        using var admin = await shop.SignedInAdminAsync();
        var rows = string.Join("\n", (await admin.GetAsync($"/Admin/Audit?type={Uri.EscapeDataString(AuditEventTypes.EmailChangeUndone)}")).Document.QuerySelectorAll("tbody tr").Select(r => r.TextContent));
        Assert.Contains("the old address could not be restored", rows);
    }
}
