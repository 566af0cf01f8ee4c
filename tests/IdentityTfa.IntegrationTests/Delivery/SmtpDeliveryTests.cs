namespace IdentityTfa.IntegrationTests.Delivery;

public class SmtpDeliveryTests
{
    [Fact]
    public async Task An_email_through_SMTP_carries_the_code_in_text_and_HTML_and_signs_in()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var shopper = world.Shop.NewShopper();

        var earlier = world.Smtp.MessagesTo(Email).Count; // the notice that two-factor sign-in is on
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        var mail = Assert.Single(world.Smtp.MessagesTo(Email).Skip(earlier));
        Assert.Equal("Your Tiny Tea Shop sign-in code", mail.Subject);
        Assert.Equal("Tiny Tea Shop", mail.From.Mailboxes.Single().Name);
        Assert.Equal("shop@tinytea.example", mail.From.Mailboxes.Single().Address);
        var code = world.LatestMailCode(Email);
        Assert.Contains(code, mail.HtmlBody);
        Assert.DoesNotContain(code, mail.Subject);
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, code)).Path);
    }

    [Fact]
    public async Task The_code_goes_in_the_subject_only_when_configured()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:Email:Smtp:CodeInSubject"] = "true" });
        await world.Shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var shopper = world.Shop.NewShopper();

        var earlier = world.Smtp.MessagesTo(Email).Count; // the notice that two-factor sign-in is on
        await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.StartsWith(world.LatestMailCode(Email) + " – ", Assert.Single(world.Smtp.MessagesTo(Email).Skip(earlier)).Subject);
    }

    [Fact]
    public async Task An_SMTP_server_that_is_down_gives_a_clear_message_and_leaves_no_code_waiting()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:Email:Smtp:Port"] = SmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await world.Shop.CreateAccountAsync(Email, null, DeliveryChannel.Email);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We could not send the email right now.", verify.Alerts);
        Assert.Contains("No code is waiting.", verify.Text);
        Assert.Contains(world.Shop.Logs.Lines, line => line.Contains("could not take a mail", StringComparison.Ordinal));
    }
}
