using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Someone who relayed a code through a phishing page and holds the session changes the account's email. The old
/// address is told at once, with a link that gives the account back; the new address is used for nothing before it
/// confirms.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public partial class EmailChangeTests
{
    private const string Attacker = "mallory@example.net";
    private const string Subject = "your email address changed";

    [Fact]
    public async Task The_old_address_gets_a_link_that_restores_the_email_and_ends_the_attackers_session()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        using var attacker = shop.NewShopper();
        await attacker.SignInWithCodeAsync(shop, Email);

        await ChangeEmailOnSettingsPageAsync(attacker, Attacker);

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, Subject);
        Assert.NotNull(notice);
        Assert.Contains("m•••@example.net", notice.Value.Body);
        var undo = UndoLink(notice.Value.Body);
        var confirm = await owner.GetAsync(undo);
        Assert.Equal("Undo the email change", confirm.Heading);
        Assert.Equal(Attacker, await EmailOfAccountAsync(shop, Email, Attacker));

        var undone = await owner.SubmitAsync(confirm, "Undo the change");

        Assert.Contains("The email change was undone.", undone.Statuses);
        Assert.Equal(Email, await EmailOfAccountAsync(shop, Email, Attacker));
        using (var again = shop.NewShopper())
        {
            // The password the attacker knows is gone: nobody signs in until the owner sets a new one by mail.
            Assert.StartsWith("/Identity/Account/Login", (await again.PasswordStepAsync(Email, Journeys.Password)).Path);
            Assert.StartsWith("/Identity/Account/Login", (await again.PasswordStepAsync(Attacker, Journeys.Password)).Path);
        }

        // The session dies at its next security-stamp check.
        shop.Time.Advance(shop.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval + TimeSpan.FromMinutes(1));
        Assert.StartsWith("/Identity/Account/Login", (await attacker.GetAsync("/Identity/Account/Manage")).Path);

        var secondUse = await owner.SubmitAsync(await owner.GetAsync(undo), "Undo the change");
        Assert.Contains("This link has expired or was already used.", secondUse.Alerts);
    }

    [Fact]
    public async Task The_undo_link_expires_after_seven_days()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        await owner.SignInWithCodeAsync(shop, Email);
        await ChangeEmailOnSettingsPageAsync(owner, Attacker);
        var undo = UndoLink((await DevInbox.LatestWithSubjectAsync(owner, Email, Subject))!.Value.Body);

        shop.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var refused = await owner.SubmitAsync(await owner.GetAsync(undo), "Undo the change");

        Assert.Contains("This link has expired or was already used.", refused.Alerts);
        Assert.Equal(Attacker, await EmailOfAccountAsync(shop, Email, Attacker));
    }

    [Fact]
    public async Task A_new_address_is_used_for_nothing_before_its_link_is_followed()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        await owner.SignInWithCodeAsync(shop, Email);

        var email = await owner.GetAsync("/Identity/Account/Manage/Email");
        await owner.SubmitAsync(email, "Change email", ("New email", Attacker));
        shop.Time.Advance(TimeSpan.FromMinutes(1));
        await owner.SubmitAsync(await owner.GetAsync("/Identity/Account/Manage/ChangePassword"), "Update password",
            ("Current password", Journeys.Password), ("New password", "Another-Pass-42"), ("Confirm new password", "Another-Pass-42"));
        using var stranger = shop.NewShopper();
        await stranger.SubmitAsync(await stranger.GetAsync("/Identity/Account/ForgotPassword"), "Send reset link", ("Email", Attacker));

        Assert.Equal(Email, await EmailOfAccountAsync(shop, Email, Attacker));
        Assert.StartsWith("/Identity/Account/Login", (await stranger.PasswordStepAsync(Attacker, "Another-Pass-42")).Path);
        var toNew = (await DevInbox.MessagesAsync(owner)).Where(m => m.To == Attacker).ToList();
        Assert.Equal("Confirm your email", Assert.Single(toNew).Subject);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(owner, Email, "your password changed"));
    }

    [Fact]
    public async Task Undone_in_the_browser_that_made_the_change_the_answer_is_already_signed_out()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        await owner.SignInWithCodeAsync(shop, Email);
        await ChangeEmailOnSettingsPageAsync(owner, "jane.new@example.net");
        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, Subject);
        var confirm = await owner.GetAsync(UndoLink(notice!.Value.Body));
        Assert.True(confirm.HasButton("Sign out"));

        var undone = await owner.SubmitAsync(confirm, "Undo the change");

        Assert.Contains("The email change was undone.", undone.Statuses);
        // Every session ends, this browser's too, and the page that says so offers to sign in, not to sign out.
        Assert.False(undone.HasButton("Sign out"));
        Assert.NotNull(undone.Document.QuerySelector("header a[href='/Identity/Account/Login']"));
        Assert.StartsWith("/Identity/Account/Login", (await owner.GetAsync("/Identity/Account/Manage")).Path);
    }

    [Fact]
    public async Task An_added_email_that_becomes_the_accounts_can_be_undone_from_the_old_address()
    {
        await using var shop = new ShopFactory();
        using var owner = await shop.EnrolledShopperAsync();
        using var attacker = shop.NewShopper();
        await attacker.SignInWithCodeAsync(shop, Email);
        var sent = await attacker.SubmitAsync(await attacker.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code", ("Email address", Attacker));
        await attacker.SubmitAsync(sent, "Verify", ("Verification code", await DevInbox.LatestCodeAsync(attacker, Attacker)));
        Assert.Equal(Attacker, await EmailOfAccountAsync(shop, Email, Attacker));

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, Subject);
        var undone = await owner.SubmitAsync(await owner.GetAsync(UndoLink(notice!.Value.Body)), "Undo the change");

        Assert.Contains("The email change was undone.", undone.Statuses);
        Assert.Equal(Email, await EmailOfAccountAsync(shop, Email, Attacker));
    }

    [Fact]
    public async Task An_email_added_through_the_token_API_can_be_undone_from_the_old_address()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, IdentityTfa.Delivery.DeliveryChannel.Sms);
        using var owner = shop.NewShopper();
        var app = new Api.TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        var (_, tokens) = await app.PostAsync("/api/auth/token",
            new { challengeId = challenge.GetProperty("challengeId").GetString(), code = await DevInbox.LatestCodeAsync(owner, Phone) });
        var accessToken = tokens.GetProperty("accessToken").GetString()!;

        await app.PostAuthorizedAsync("/api/auth/email/code", new { email = Attacker }, accessToken);
        Assert.Equal(Email, await EmailOfAccountAsync(shop, Email, Attacker));
        var (status, _) = await app.PostAuthorizedAsync("/api/auth/email", new { email = Attacker, code = await DevInbox.LatestCodeAsync(owner, Attacker) }, accessToken);
        Assert.Equal(204, status);
        Assert.Equal(Attacker, await EmailOfAccountAsync(shop, Email, Attacker));

        var notice = await DevInbox.LatestWithSubjectAsync(owner, Email, Subject);
        var undone = await owner.SubmitAsync(await owner.GetAsync(UndoLink(notice!.Value.Body)), "Undo the change");

        Assert.Contains("The email change was undone.", undone.Statuses);
        Assert.Equal(Email, await EmailOfAccountAsync(shop, Email, Attacker));
    }

    /// <summary>Changes the email from Identity's Email page and follows the link sent to the new address.</summary>
    internal static async Task ChangeEmailOnSettingsPageAsync(Shopper shopper, string newEmail)
    {
        await shopper.SubmitAsync(await shopper.GetAsync("/Identity/Account/Manage/Email"), "Change email", ("New email", newEmail));
        // The sentence's full stop follows the link.
        var link = (await DevInbox.LatestLinkAsync(shopper, newEmail)).TrimEnd('.');
        var confirmed = await shopper.GetAsync(link);
        Assert.Equal("Email changed", confirmed.Heading);
    }

    internal static string UndoLink(string body) => UndoLinkPattern().Match(body).Value;

    private static async Task<string?> EmailOfAccountAsync(ShopFactory shop, params string[] candidates)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var candidate in candidates)
        {
            if (await users.FindByEmailAsync(candidate) is { } user)
            {
                return user.Email;
            }
        }

        return null;
    }

    [GeneratedRegex(@"https?://\S+/Identity/Account/RevertEmailChange\S+")]
    private static partial Regex UndoLinkPattern();
}
