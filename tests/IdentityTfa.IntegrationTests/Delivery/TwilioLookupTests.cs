using IdentityTfa.Delivery.Twilio.Lookup;
using IdentityTfa.Sending;

namespace IdentityTfa.IntegrationTests.Delivery;

public class TwilioLookupTests
{
    private const string Mobile = Phone;

    [Fact]
    public async Task A_number_Lookup_calls_a_landline_and_it_gets_a_call_instead_of_a_text()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(LineType: "landline", Carrier: "Fake Telecom");
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We called •••• 0000 to read you a code.", verify.Text);
        Assert.Empty(world.Twilio.Messages);
        Assert.Equal(Mobile, Assert.Single(world.Twilio.Calls).To);
        Assert.Contains(await AuditDetailsAsync(world), d => d.StartsWith("call: landline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_recent_SIM_swap_the_code_goes_by_email_and_the_verify_screen_says_why()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(LastSimSwap: world.Shop.Time.GetUtcNow().AddDays(-2));
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("The SIM card of your phone was changed recently, so we did not send the code to it.", verify.Text);
        Assert.Contains("We sent a code by email to j•••@example.com.", verify.Text);
        Assert.Empty(world.Twilio.Messages);
        Assert.Empty(world.Twilio.Calls);
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, world.LatestMailCode(Email))).Path);
    }

    [Fact]
    public async Task After_a_recent_SIM_swap_the_spanish_verify_screen_says_why_in_spanish()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(LastSimSwap: world.Shop.Time.GetUtcNow().AddDays(-2));
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms, DeliveryChannel.Email);
        using var shopper = world.Shop.NewShopper();
        shopper.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("La tarjeta SIM de su teléfono se cambió hace poco, así que no le enviamos el código. Se lo enviamos por correo electrónico.", verify.Statuses);
        Assert.DoesNotContain("SIM card", verify.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_recent_SIM_swap_with_no_other_method_the_sign_in_is_refused_and_the_account_holder_is_told()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(LastSimSwap: world.Shop.Time.GetUtcNow().AddHours(-5));
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        var earlier = world.Smtp.MessagesTo(Email).Count; // the notice that two-factor sign-in is on

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("Please contact Tiny Tea Shop to sign in.", verify.Alerts);
        Assert.Empty(world.Twilio.Messages);
        var notice = Assert.Single(world.Smtp.MessagesTo(Email).Skip(earlier));
        Assert.Contains("a sign-in code was not sent to your phone", notice.Subject);
        Assert.DoesNotMatch(@"\b\d{6}\b", notice.TextBody);
        Assert.Contains(await AuditDetailsAsync(world), d => d.StartsWith("refused: sim swap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_SIM_swap_older_than_the_window_does_not_hold_the_code_back()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(LastSimSwap: world.Shop.Time.GetUtcNow().AddDays(-8));
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, world.LatestSmsCode(Mobile))).Path);
    }

    [Fact]
    public async Task A_high_pumping_risk_refuses_the_send_and_is_audited_and_counted()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(PumpingRisk: 95);
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var decisions = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            world.Shop.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), IdentityTfa.Metrics.TwoFactorMetrics.MeterName, "identitytfa.lookup.decisions");
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We cannot send codes to this phone number.", verify.Alerts);
        Assert.Contains("No code is waiting.", verify.Text);
        Assert.Empty(world.Twilio.Messages);
        Assert.Contains(await AuditDetailsAsync(world), d => d.StartsWith("refused: pumping risk", StringComparison.Ordinal) && d.Contains("pumping risk 95", StringComparison.Ordinal));
        Assert.Contains(decisions.GetMeasurementSnapshot(), m => (string?)m.Tags["decision"] == "refused: pumping risk");
    }

    [Fact]
    public async Task When_Lookup_is_down_the_code_is_sent_anyway()
    {
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupDown = true;
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Single(world.Twilio.LookedUp);
        Assert.Contains(world.Shop.Logs.Lines, line => line.Contains("Number lookup of •••• 0000 failed", StringComparison.Ordinal));
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, world.LatestSmsCode(Mobile))).Path);
    }

    [Fact]
    public async Task A_cached_lookup_is_not_paid_for_again_and_a_known_SIM_swap_holds_while_Lookup_is_down()
    {
        await using var world = await LookupWorldAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms, DeliveryChannel.Email);
        using (var first = world.Shop.NewShopper())
        {
            await SignInByTextAsync(world, first);
        }

        world.Shop.Time.Advance(TimeSpan.FromMinutes(5));
        using (var second = world.Shop.NewShopper())
        {
            await SignInByTextAsync(world, second);
        }

        Assert.Single(world.Twilio.LookedUp); // the second sign-in read the database, not Twilio

        // A day later the cache is stale; Twilio now knows of a swap, then Lookup goes down: the known swap still holds.
        world.Shop.Time.Advance(TimeSpan.FromDays(1));
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(LastSimSwap: world.Shop.Time.GetUtcNow().AddHours(-1));
        using (var third = world.Shop.NewShopper())
        {
            Assert.Contains("SIM card", (await third.PasswordStepAsync(Email, Journeys.Password)).Text);
        }

        world.Shop.Time.Advance(TimeSpan.FromDays(2));
        world.Twilio.LookupDown = true;
        var texts = world.Twilio.Messages.Count();
        using var fourth = world.Shop.NewShopper();
        var verify = await fourth.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("The SIM card of your phone was changed recently", verify.Text);
        Assert.Equal(texts, world.Twilio.Messages.Count());
        Assert.Equal(3, world.Twilio.LookedUp.Count);
    }

    [Fact]
    public async Task An_internet_phone_number_cannot_be_enrolled()
    {
        const string Voip = "+16502531111";
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Voip] = new FakeTwilio.LookupAnswer(LineType: "nonFixedVoip", Carrier: "Fake VoIP");
        await world.Shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var sender = scope.ServiceProvider.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>();

        var result = await sender.SendPhoneVerificationCodeAsync((await users.FindByEmailAsync(Email))!, Voip);

        var refused = Assert.IsType<SendCodeResult.Refused>(result);
        Assert.Equal("We cannot send codes to this kind of number (an internet phone number). Please use a mobile number.", refused.Message);
        Assert.Empty(world.Twilio.Messages);
    }

    [Fact]
    public async Task A_number_whose_SIM_was_just_swapped_cannot_be_enrolled_yet()
    {
        const string Swapped = "+16502532222";
        await using var world = await LookupWorldAsync();
        world.Twilio.LookupAnswers[Swapped] = new FakeTwilio.LookupAnswer(LastSimSwap: world.Shop.Time.GetUtcNow().AddHours(-1));
        await world.Shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var sender = scope.ServiceProvider.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>();
        var earlier = world.Smtp.Messages().Count; // the notice that two-factor sign-in is on

        var result = await sender.SendPhoneVerificationCodeAsync((await users.FindByEmailAsync(Email))!, Swapped);

        Assert.StartsWith("The SIM card of this phone was changed recently", Assert.IsType<SendCodeResult.Refused>(result).Message);
        Assert.Empty(world.Twilio.Messages);
        Assert.Equal(earlier, world.Smtp.Messages().Count);
    }

    [Fact]
    public async Task A_number_the_limits_refuse_is_never_looked_up()
    {
        await using var world = await LookupWorldAsync();
        await world.Shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var sender = scope.ServiceProvider.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>();

        var result = await sender.SendPhoneVerificationCodeAsync((await users.FindByEmailAsync(Email))!, "+33612345678");

        Assert.IsType<SendCodeResult.Refused>(result);
        Assert.Empty(world.Twilio.LookedUp);
    }

    [Fact]
    public async Task The_admin_reads_the_last_lookup_of_a_customers_phone_on_the_customer_page()
    {
        await using var world = await LookupWorldAsync();
        var swapped = world.Shop.Time.GetUtcNow().AddDays(-30);
        world.Twilio.LookupAnswers[Mobile] = new FakeTwilio.LookupAnswer(Carrier: "Fake Mobile Inc", LastSimSwap: swapped);
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        await shopper.PasswordStepAsync(Email, Journeys.Password);

        await using var scope = world.Shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var history = scope.ServiceProvider.GetRequiredService<INumberLookupHistory<IdentityUser>>();
        var last = await history.GetLastLookupAsync((await users.FindByEmailAsync(Email))!);

        Assert.NotNull(last);
        Assert.Equal(("mobile", "Fake Mobile Inc", "send"), (last.LineType, last.Carrier, last.Decision));
        Assert.Equal(swapped.ToUnixTimeSeconds(), last.LastSimSwapAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(world.Shop.Time.GetUtcNow().ToUnixTimeSeconds(), last.DecidedAt.ToUnixTimeSeconds());

        // And the admin's customer page says it in words.
        using var admin = await world.Shop.SignedInAdminAsync();
        var page = await admin.GetAsync($"/Admin/Customers/Details/{await users.GetUserIdAsync((await users.FindByEmailAsync(Email))!)}");
        Assert.NotNull(page.Document.GetElementById("last-lookup"));
        var shown = System.Text.RegularExpressions.Regex.Replace(page.Document.GetElementById("last-lookup")!.TextContent, @"\s+", " ");
        Assert.Contains("Line type: mobile", shown);
        Assert.Contains("Carrier: Fake Mobile Inc", shown);
        Assert.Contains($"Last SIM swap: {swapped.UtcDateTime:yyyy-MM-dd HH:mm} UTC", shown);
        Assert.Contains("Decision: Sent as asked", shown);
    }

    [Fact]
    public async Task A_cancelled_send_stops_the_request_to_Twilio()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:FailoverToEmail"] = "false" });
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        world.Twilio.StallNext();
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var sender = scope.ServiceProvider.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>();
        using var cancel = new CancellationTokenSource();

        var arrived = world.Twilio.NextRequestAsync();
        var sending = sender.SendSignInCodeAsync((await users.FindByEmailAsync(Email))!, DeliveryChannel.Sms, cancel.Token);
        await arrived;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Single(world.Twilio.Requests);
        Assert.Empty(world.Twilio.Messages);
    }

    private static async Task SignInByTextAsync(DeliveryWorld world, Shopper shopper)
    {
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, world.LatestSmsCode(Mobile))).Path);
    }

    private static Task<DeliveryWorld> LookupWorldAsync() => DeliveryWorld.StartAsync(new() { ["IdentityTfa:Sms:Twilio:Lookup:Enabled"] = "true" });

    private static async Task<List<string>> AuditDetailsAsync(DeliveryWorld world)
    {
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityTfa.Shop.Data.ShopDbContext>();
        return await db.Set<AuditEvent>().Where(a => a.Type == "number.lookup").Select(a => a.Detail!).ToListAsync();
    }
}
