using IdentityTfa.Audit;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// A changed or reset password, a changed email and an undone email change are security events: each lands in the
/// audit log exactly once, and the admin reads it there in words.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class SecurityEventAuditTests
{
    private const string Other = "mallory@example.net";

    [Fact]
    public async Task Changing_and_resetting_the_password_are_each_audited_once()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();
        await shopper.SignInWithCodeAsync(shop, Email);
        var changed = await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/ChangePassword"), "Update password",
            ("Current password", Journeys.Password), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));
        Assert.Equal(string.Empty, changed.Alerts);
        await shopper.SignOutAsync();

        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", Email));
        var reset = await shopper.GetAsync(await DevInbox.LatestLinkAsync(shopper, Email));
        await shopper.SubmitAsync(reset, "Reset password", ("Email", Email), ("New password", "Third-Pass-42"), ("Confirm new password", "Third-Pass-42"));

        Assert.Equal(1, await CountAsync(shop, AuditEventTypes.PasswordChanged));
        Assert.Equal(1, await CountAsync(shop, AuditEventTypes.PasswordReset));
        using var admin = await shop.SignedInAdminAsync();
        Assert.Contains("Password changed", await AuditRowsAsync(admin, AuditEventTypes.PasswordChanged));
        Assert.Contains("Password reset by email", await AuditRowsAsync(admin, AuditEventTypes.PasswordReset));
    }

    [Fact]
    public async Task Changing_the_email_and_undoing_it_are_each_audited_once()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        await owner.SignInWithCodeAsync(shop, Email);
        await EmailChangeTests.ChangeEmailOnSettingsPageAsync(owner, Other);
        Assert.Equal(1, await CountAsync(shop, AuditEventTypes.EmailChanged));
        Assert.Equal(0, await CountAsync(shop, AuditEventTypes.EmailChangeUndone));

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, "your email address changed");
        var undo = await owner.SubmitAsync(await owner.GetAsync(EmailChangeTests.UndoLink(notice!.Value.Body)), "Undo the change");
        Assert.Contains("The email change was undone.", undo.Statuses);

        Assert.Equal(1, await CountAsync(shop, AuditEventTypes.EmailChanged));
        Assert.Equal(1, await CountAsync(shop, AuditEventTypes.EmailChangeUndone));
        using var admin = await shop.SignedInAdminAsync();
        var changedRows = await AuditRowsAsync(admin, AuditEventTypes.EmailChanged);
        Assert.Contains("Email address changed", changedRows);
        Assert.DoesNotContain(Other, changedRows, StringComparison.Ordinal);
        Assert.Contains("Email change undone", await AuditRowsAsync(admin, AuditEventTypes.EmailChangeUndone));
    }

    private static async Task<int> CountAsync(ShopFactory shop, string type)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().CountAsync(a => a.Type == type);
    }

    private static async Task<string> AuditRowsAsync(Shopper admin, string type) =>
        string.Join("\n", (await admin.GetAsync($"/Admin/Audit?type={Uri.EscapeDataString(type)}")).Document.QuerySelectorAll("tbody tr").Select(r => r.TextContent));
}
