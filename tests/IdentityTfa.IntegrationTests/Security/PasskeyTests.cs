using IdentityTfa.Audit;
using IdentityTfa.Methods;
using static IdentityTfa.IntegrationTests.Support.PasskeySteps;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Passkeys (Identity's passkey handler) as a second factor: managed on their settings page, and used on the verify
/// screen only by the account in the partial sign-in; a refused passkey counts toward lockout as a wrong code does.
/// The browser is played by <see cref="SoftAuthenticator"/>, which signs what the shop asks exactly as WebAuthn does.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class PasskeyTests
{
    private const string Attacker = "mallory@example.com";
    private const string PasskeysPage = "/Identity/Account/Manage/Passkeys";

    [Fact]
    public async Task A_passkey_added_on_the_page_is_listed_and_turns_the_method_on_with_a_notice()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop, Email);
        using var authenticator = new SoftAuthenticator();

        var page = await shopper.GetAsync(PasskeysPage);
        Assert.Equal("Passkeys", page.Heading);
        var options = await PostForJsonAsync(shopper, page, "#add-passkey");
        var added = await shopper.SubmitAsync(page, "Add a passkey", ("Add.Name", "Work laptop"), ("Add.Credential", authenticator.Create(options)));

        Assert.True(added.Alerts.Length == 0, string.Join("\n", shop.Logs.Lines.Where(l => l.Contains("passkey", StringComparison.OrdinalIgnoreCase))));

        // The account had no recovery codes yet: they are shown once first, as after any method is added.
        Assert.Equal("/Identity/Account/Manage/RecoveryCodes", added.Path);
        Assert.Contains("The passkey \"Work laptop\" was added.", added.Statuses);
        Assert.Contains("Work laptop", (await shopper.GetAsync(PasskeysPage)).Document.QuerySelector("#passkeys")!.TextContent);
        Assert.Contains(await MethodsAsync(shop, Email), m => m == DeliveryChannel.Passkey);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(shopper, Email, "a passkey was added"));
        Assert.Equal(1, await AuditCountAsync(shop, AuditEventTypes.PasskeyAdded));

        // The same answer again is refused: the request it answered is used up.
        var again = await shopper.SubmitAsync(page, "Add a passkey", ("Add.Name", "Copy"), ("Add.Credential", authenticator.Create(options)));
        Assert.Contains("The passkey request expired.", again.Alerts);
    }

    [Fact]
    public async Task A_passkey_in_the_store_is_listed_with_its_date_renamed_and_removed_like_a_method()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop, Email);
        using var authenticator = new SoftAuthenticator();
        var addedAt = new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero);
        await AddPasskeyAsync(shop, Email, authenticator, "Phone", addedAt);

        var page = await shopper.GetAsync(PasskeysPage);
        var card = page.Document.QuerySelector("#passkeys")!.TextContent;
        Assert.Contains("Phone", card);
        Assert.Contains("November 3, 2026, 9:30 AM UTC", System.Text.RegularExpressions.Regex.Replace(card, @"\s+", " "));

        // Control and format characters (a right-to-left override, a bell) are not kept in a name.
        var spoofed = await shopper.SubmitAsync(page, "Rename", ("name", "Old\u202E ph\u0007one"));
        Assert.Contains("Old phone", spoofed.Document.QuerySelector("#passkeys")!.TextContent);
        Assert.DoesNotContain('\u202E', spoofed.Document.QuerySelector("#passkeys")!.TextContent);
        Assert.Equal(1, await AuditCountAsync(shop, AuditEventTypes.PasskeyRenamed));
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            Assert.Equal("\"Phone\" -> \"Old phone\"", await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>()
                .Where(a => a.Type == AuditEventTypes.PasskeyRenamed).Select(a => a.Detail).SingleAsync());
        }

        var renamed = await shopper.SubmitAsync(spoofed, "Rename", ("name", "Old phone"));
        Assert.Contains("The passkey was renamed to \"Old phone\".", renamed.Statuses);
        Assert.Contains("Old phone", renamed.Document.QuerySelector("#passkeys")!.TextContent);

        // Removing it asks for the password, as removing any method does.
        var refused = await shopper.SubmitAsync(renamed, "Remove Old phone", ("password", "not-the-password"));
        Assert.Contains("That password is not right. Enter your current password to remove this method.", refused.Alerts);
        Assert.Contains(await MethodsAsync(shop, Email), m => m == DeliveryChannel.Passkey);

        var removed = await shopper.SubmitAsync(renamed, "Remove Old phone", ("password", Journeys.Password));
        Assert.Contains("The passkey was removed.", removed.Statuses);
        Assert.Null(removed.Document.QuerySelector("#passkeys"));
        Assert.DoesNotContain(await MethodsAsync(shop, Email), m => m == DeliveryChannel.Passkey);
        Assert.Contains(await MethodsAsync(shop, Email), m => m == DeliveryChannel.Email);
        Assert.NotNull(await DevInbox.LatestWithSubjectAsync(shopper, Email, "a sign-in method was removed"));
        Assert.Equal(1, await AuditCountAsync(shop, AuditEventTypes.PasskeyRemoved));
        Assert.Equal(2, await AuditCountAsync(shop, AuditEventTypes.PasskeyRenamed));
    }

    [Fact]
    public async Task With_send_to_every_channel_a_code_goes_to_the_phone_and_nothing_is_sent_to_a_passkey()
    {
        await using var shop = new ShopFactory(new() { ["IdentityTfa:SendToEveryChannel"] = "true" });
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var authenticator = new SoftAuthenticator();
        await AddPasskeyAsync(shop, Email, authenticator);
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var before = await db.Set<DevInboxMessage>().CountAsync();

        var sent = await scope.ServiceProvider.GetRequiredService<IdentityTfa.Sending.ITwoFactorCodeSender<IdentityUser>>()
            .SendSignInCodeAsync((await users.FindByEmailAsync(Email))!, DeliveryChannel.Sms);

        Assert.Empty(Assert.IsType<IdentityTfa.Sending.SendCodeResult.Sent>(sent).AlsoSentTo);
        Assert.Equal([Phone], (await db.Set<DevInboxMessage>().AsNoTracking().ToListAsync()).Skip(before).Select(m => m.To));
        Assert.DoesNotContain(AuditEventTypes.CodeNotSent, await db.Set<AuditEvent>().Select(e => e.Type).ToListAsync());
    }

    [Fact]
    public async Task An_account_whose_only_way_is_a_passkey_is_asked_for_it_with_no_code_field()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator, "Phone", shop.Time.GetUtcNow());
        using var shopper = shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        // No code can come: the screen says so and asks for the passkey, with "Trust this device" beside it.
        Assert.Equal("/Identity/Account/LoginWith2fa", verify.Path);
        Assert.Equal("Use your passkey", verify.Heading);
        Assert.Contains("Use your passkey to continue.", verify.Document.Body!.TextContent);
        Assert.Null(verify.Document.QuerySelector("[name='Input.Code']"));
        Assert.False(verify.HasButton("Verify"));
        Assert.NotNull(verify.Document.QuerySelector("#Input_TrustDevice"));
        var options = await PostForJsonAsync(shopper, verify, "#use-passkey");
        var signedIn = await shopper.SubmitAsync(verify, "Use a passkey", ("credential", authenticator.Get(options, userId)), ("trustDevice", "true"));
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task Use_a_passkey_on_the_verify_screen_signs_in_as_a_second_factor_and_trusts_the_browser()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator, "Phone", shop.Time.GetUtcNow());
        using var shopper = shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("/Identity/Account/LoginWith2fa", verify.Path);
        Assert.True(verify.HasButton("Use a passkey"));
        // The chooser lists the passkey first, before any way of getting a code.
        var buttons = verify.ButtonTexts().ToList();
        Assert.True(buttons.IndexOf("Use a passkey") < buttons.IndexOf("Verify"));

        var options = await PostForJsonAsync(shopper, verify, "#use-passkey");
        var signedIn = await shopper.SubmitAsync(verify, "Use a passkey", ("credential", authenticator.Get(options, userId)), ("trustDevice", "true"));

        Assert.Equal("/", signedIn.Path);
        Assert.Equal(1, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
        // A second factor just given: the settings that need a recent one open without a step-up.
        Assert.Equal(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);

        // "Trust this device" was honoured: the next sign-in in this browser skips the second step.
        await shopper.SignOutAsync();
        Assert.Equal("/", (await shopper.PasswordStepAsync(Email, Journeys.Password)).Path);
    }

    [Fact]
    public async Task Another_accounts_passkey_is_refused_on_the_verify_screen_and_counts_toward_lockout()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        await shop.CreateAccountAsync(Attacker, null, DeliveryChannel.Email);
        using var victims = new SoftAuthenticator();
        using var attackers = new SoftAuthenticator();
        await AddPasskeyAsync(shop, Email, victims, "Phone", shop.Time.GetUtcNow());
        var attackerId = await AddPasskeyAsync(shop, Attacker, attackers, "Mine", shop.Time.GetUtcNow());

        // The attacker knows Jane's password, and answers her verify screen with a passkey of their own account.
        using var shopper = shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Page answer = verify;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var options = await PostForJsonAsync(shopper, verify, "#use-passkey");
            answer = await shopper.SubmitAsync(verify, "Use a passkey", ("credential", attackers.Get(options, attackerId)));
            Assert.Equal("/Identity/Account/LoginWith2fa", answer.Path);
            if (attempt < 5)
            {
                Assert.Contains("The passkey was not accepted.", answer.Alerts);
                Assert.Equal(attempt, await AccessFailedCountAsync(shop, Email));
            }
        }

        // Five refused passkeys lock the account as five wrong codes do, and no session was made.
        Assert.Contains("locked", answer.Alerts, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(PasskeysPage, (await shopper.GetAsync(PasskeysPage)).Path);
        Assert.True(await AuditCountAsync(shop, AuditEventTypes.PasskeyRefused) >= 5);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
        // Refused for being another account's, not for a flaw of the answer itself.
        Assert.DoesNotContain(shop.Logs.Lines, l => l.Contains("origin", StringComparison.OrdinalIgnoreCase) || l.Contains("signature", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_passkey_confirms_a_stale_session_on_the_step_up_page_and_another_accounts_passkey_does_not()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Attacker, null, DeliveryChannel.Email);
        using var attackers = new SoftAuthenticator();
        var attackerId = await AddPasskeyAsync(shop, Attacker, attackers, "Mine", shop.Time.GetUtcNow());
        using var shopper = await SignedInAsync(shop, Email);
        using var authenticator = new SoftAuthenticator();
        var userId = await AddPasskeyAsync(shop, Email, authenticator, "Phone", shop.Time.GetUtcNow());

        // Past the re-authentication window, the passkeys page asks to confirm first, and offers the passkey.
        shop.Time.Advance(TimeSpan.FromMinutes(11));
        var stepUp = await shopper.GetAsync(PasskeysPage);
        Assert.Equal("/Identity/Account/StepUp", stepUp.Path);
        Assert.True(stepUp.HasButton("Use a passkey"));

        // Another account's passkey is refused, counts as a failure, and leaves the session unconfirmed.
        var wrong = await shopper.SubmitAsync(stepUp, "Use a passkey", ("credential", attackers.Get(await PostForJsonAsync(shopper, stepUp, "#use-passkey"), attackerId)));
        Assert.Equal("/Identity/Account/StepUp", wrong.Path);
        Assert.Contains("The passkey was not accepted.", wrong.Alerts);
        Assert.Equal(1, await AccessFailedCountAsync(shop, Email));
        Assert.Equal("/Identity/Account/StepUp", (await shopper.GetAsync(PasskeysPage)).Path);

        // The account's own passkey confirms it: back to the page, which now opens, and the failure count is reset.
        stepUp = await shopper.GetAsync(PasskeysPage);
        var answer = authenticator.Get(await PostForJsonAsync(shopper, stepUp, "#use-passkey"), userId);
        var back = await shopper.SubmitAsync(stepUp, "Use a passkey", ("credential", answer));
        Assert.Equal(PasskeysPage, back.Path);
        Assert.Equal("Passkeys", back.Heading);
        Assert.Equal(0, await AccessFailedCountAsync(shop, Email));
        Assert.Equal(1, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));

        // The same signed answer again, after the window, is refused: its request was used up.
        shop.Time.Advance(TimeSpan.FromMinutes(11));
        var later = await shopper.GetAsync(PasskeysPage);
        var replay = await shopper.SubmitAsync(later, "Use a passkey", ("credential", answer));
        Assert.Equal("/Identity/Account/StepUp", replay.Path);
        Assert.Contains("The passkey was not accepted.", replay.Alerts);
    }

    [Fact]
    public async Task Passkey_requests_and_changes_without_the_antiforgery_token_are_refused()
    {
        await using var shop = new ShopFactory();
        using var shopper = await SignedInAsync(shop, Email);
        using var authenticator = new SoftAuthenticator();
        await AddPasskeyAsync(shop, Email, authenticator, "Phone", shop.Time.GetUtcNow());
        var page = await shopper.GetAsync(PasskeysPage);
        var id = page.Document.QuerySelector("form[action*='handler=Remove']")!.GetAttribute("action")!;

        var removal = await shopper.Client.PostAsync(new Uri(page.Url, id), new FormUrlEncodedContent([]));
        var options = await shopper.Client.PostAsync(new Uri(page.Url, PasskeysPage + "?handler=Options"), new FormUrlEncodedContent([]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, removal.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, options.StatusCode);
        Assert.Contains("Phone", (await shopper.GetAsync(PasskeysPage)).Document.QuerySelector("#passkeys")!.TextContent);
    }

    [Fact]
    public async Task A_passkey_from_before_two_factor_was_turned_off_and_on_again_does_not_pass_the_second_step()
    {
        await using var shop = new ShopFactory();
        using var stolen = new SoftAuthenticator();
        using var thief = shop.NewShopper();

        // The holder turns two-factor sign-in off and back on with text messages.
        var (userId, options) = await WaitingAnswerRefusedAfterAsync(shop, stolen, thief,
            (services, user) => services.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().DisableAsync(user));

        // A new sign-in offers no passkey, and its options handler refuses to make a request.
        using var again = shop.NewShopper();
        var fresh = await again.PasswordStepAsync(Email, Journeys.Password);
        Assert.False(fresh.HasButton("Use a passkey"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await PostStatusAsync(again, fresh, "/Identity/Account/LoginWith2fa?handler=PasskeyOptions"));
        await PostStatusAsync(again, fresh, "/Identity/Account/LoginWith2fa?handler=Passkey", ("credential", stolen.Get(options, userId)));
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
        Assert.NotEqual(PasskeysPage, (await again.GetAsync(PasskeysPage)).Path);
    }

    [Fact]
    public async Task An_admin_reset_removes_the_passkeys_and_a_waiting_passkey_answer_is_refused()
    {
        await using var shop = new ShopFactory();
        using var stolen = new SoftAuthenticator();
        using var thief = shop.NewShopper();

        await WaitingAnswerRefusedAfterAsync(shop, stolen, thief,
            (services, user) => services.GetRequiredService<IdentityTfa.Administration.ITwoFactorAdministration<IdentityUser>>().ResetAsync(user, "admin-id"));
        Assert.NotEqual(PasskeysPage, (await thief.GetAsync(PasskeysPage)).Path);
    }

    /// <summary>
    /// The thief holds the password and the passkey (<paramref name="stolen"/>), and has a passkey request waiting when
    /// <paramref name="meanwhile"/> removes the account's passkeys, after which text messages are turned on; the answer
    /// then sent does not pass. Returns the account's id and the request.
    /// </summary>
    private static async Task<(string UserId, string Options)> WaitingAnswerRefusedAfterAsync(
        ShopFactory shop, SoftAuthenticator stolen, Shopper thief, Func<IServiceProvider, IdentityUser, Task> meanwhile)
    {
        await shop.CreateAccountAsync(Email, "+14155550100", DeliveryChannel.Email);
        var userId = await AddPasskeyAsync(shop, Email, stolen);
        var verify = await thief.PasswordStepAsync(Email, Journeys.Password);
        var options = await PostForJsonAsync(thief, verify, "#use-passkey");
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            await meanwhile(scope.ServiceProvider, user);
            Assert.Empty(await users.GetPasskeysAsync(user));
            Assert.True(await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().EnableConfirmedAsync(user, DeliveryChannel.Sms));
        }

        var answer = await thief.SubmitAsync(verify, "Use a passkey", ("credential", stolen.Get(options, userId)));
        Assert.NotEqual("/", answer.Path);
        Assert.Equal(0, await AuditCountAsync(shop, AuditEventTypes.PasskeyUsed));
        return (userId, options);
    }

    private static async Task<Shopper> SignedInAsync(ShopFactory shop, string email)
    {
        await shop.CreateAccountAsync(email, null, DeliveryChannel.Email);
        var shopper = shop.NewShopper();
        await shopper.SignInWithCodeAsync(shop, email, email);
        return shopper;
    }

    private static async Task<IReadOnlyList<DeliveryChannel>> MethodsAsync(ShopFactory shop, string email)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var methods = await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().GetMethodsAsync((await users.FindByEmailAsync(email))!);
        return methods.Select(m => m.Channel).ToList();
    }
}
