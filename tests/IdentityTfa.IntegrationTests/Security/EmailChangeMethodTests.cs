using IdentityTfa.Audit;
using IdentityTfa.Methods;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Whoever changed the email may bind a second factor of their own before the holder notices. Undoing the change
/// removes every method turned on since it, and tells the holder; the holder's own method stays.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class EmailChangeMethodTests
{
    private const string Attacker = "mallory@example.net";
    private const string AttackerPhone = "+16502530199";

    [Fact]
    public async Task Undoing_the_change_removes_the_phone_the_attacker_added_and_keeps_the_holders_method()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var owner = shop.NewShopper();
        using var attacker = shop.NewShopper();
        shop.Time.Advance(TimeSpan.FromMinutes(5));
        // The attacker relayed the holder's emailed code through a phishing page.
        var verify = await attacker.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("/", (await attacker.EnterCodeAsync(verify, await DevInbox.LatestCodeAsync(owner, Email))).Path);
        await EmailChangeTests.ChangeEmailOnSettingsPageAsync(attacker, Attacker);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await attacker.SubmitAsync(await attacker.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", "+1 650 253 0199"));
        await attacker.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(attacker, AttackerPhone)));
        Assert.Equal(new[] { DeliveryChannel.Sms, DeliveryChannel.Email }, (await MethodsAsync(shop)).Order());

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, "your email address changed");
        var undone = await owner.SubmitAsync(await owner.GetAsync(EmailChangeTests.UndoLink(notice!.Value.Body)), "Undo the change");

        Assert.Contains("The email change was undone.", undone.Statuses);
        Assert.Equal(new[] { DeliveryChannel.Email }, await MethodsAsync(shop));
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(Email))!;
            Assert.Null(user.PhoneNumber);
            Assert.True(user.TwoFactorEnabled);
            var removed = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>()
                .Where(a => a.Type == AuditEventTypes.MethodRemoved).Select(a => a.Channel).ToListAsync();
            Assert.Equal(new string?[] { nameof(DeliveryChannel.Sms) }, removed);
        }

        var told = await DevInbox.LatestWithSubjectAsync(owner, Email, "the email change was undone");
        Assert.Contains("Sign-in methods turned on after the change were removed: Text message.", told!.Value.Body);
        Assert.DoesNotContain(await DevInbox.MessagesAsync(owner), m => m.To == Attacker && m.Subject.Contains("undone", StringComparison.Ordinal));

        // The holder's emailed code still works once a new password is set; the attacker's phone gets nothing.
        var codesToAttacker = (await DevInbox.MessagesAsync(owner)).Count(m => m.To == AttackerPhone);
        await owner.SubmitAsync(await owner.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", Email));
        await owner.SubmitAsync(await owner.GetAsync(await DevInbox.LatestLinkAsync(owner, Email)), "Reset password",
            ("Email", Email), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));
        var verifyOwner = await owner.PasswordStepAsync(Email, "Another-Pass-42");
        Assert.Equal("/", (await owner.EnterCodeAsync(verifyOwner, await DevInbox.LatestCodeAsync(owner, Email))).Path);
        Assert.Equal(codesToAttacker, (await DevInbox.MessagesAsync(owner)).Count(m => m.To == AttackerPhone));
    }

    [Fact]
    public async Task Undoing_the_change_unbinds_the_holders_phone_method_the_attacker_moved_to_their_own_number()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var owner = shop.NewShopper();
        using var attacker = shop.NewShopper();
        shop.Time.Advance(TimeSpan.FromMinutes(5));
        await attacker.SignInWithCodeAsync(shop, Email);
        await EmailChangeTests.ChangeEmailOnSettingsPageAsync(attacker, Attacker);
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await attacker.SubmitAsync(await attacker.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", "+1 650 253 0199"));
        await attacker.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(attacker, AttackerPhone)));
        Assert.Equal(new[] { DeliveryChannel.Sms }, await MethodsAsync(shop));

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, "your email address changed");
        await owner.SubmitAsync(await owner.GetAsync(EmailChangeTests.UndoLink(notice!.Value.Body)), "Undo the change");

        // The text-message method now led to the attacker's number: it goes, and the number with it.
        Assert.Empty(await MethodsAsync(shop));
        await using var scope = shop.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(Email))!;
        Assert.Null(user.PhoneNumber);
    }

    [Fact]
    public async Task Undoing_the_change_removes_recovery_codes_made_after_it()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        using var attacker = shop.NewShopper();
        shop.Time.Advance(TimeSpan.FromMinutes(5));
        await attacker.SignInWithCodeAsync(shop, Email);
        await EmailChangeTests.ChangeEmailOnSettingsPageAsync(attacker, Attacker);
        var made = await attacker.SubmitAsync(await attacker.GetAsync("/Identity/Account/Manage/RecoveryCodes"), "Make new recovery codes", ("Password", Journeys.Password));
        var stolen = made.RecoveryCodes;
        Assert.NotEmpty(stolen);

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, "your email address changed");
        await owner.SubmitAsync(await owner.GetAsync(EmailChangeTests.UndoLink(notice!.Value.Body)), "Undo the change");

        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var holder = (await users.FindByEmailAsync(Email))!;
        Assert.Equal(0, await users.CountRecoveryCodesAsync(holder));
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(holder, stolen[0])).Succeeded);
        Assert.Contains("The recovery codes made after the change were removed",
            (await DevInbox.LatestWithSubjectAsync(owner, Email, "the email change was undone"))!.Value.Body);
    }

    private static async Task<List<DeliveryChannel>> MethodsAsync(ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().Users.SingleAsync(u => u.Email == Email || u.Email == Attacker));
        return [.. (await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().GetMethodsAsync(user)).Select(m => m.Channel)];
    }
}
