using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IdentityTfa.IntegrationTests.Delivery;

public class TwilioDeliveryTests
{
    private const string Mobile = Phone;
    private const string Landline = "+442079460958";
    private const string VerifyPath = "/Identity/Account/LoginWith2fa";

    [Fact]
    public async Task A_text_message_through_Twilio_carries_the_code_that_signs_in()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        var request = Assert.Single(world.Twilio.Requests);
        Assert.EndsWith($"/2010-04-01/Accounts/{FakeTwilio.AccountSid}/Messages.json", request.Path);
        Assert.Equal(FakeTwilio.From, request.Form["From"]);
        Assert.Equal(DeliveryWorld.StatusCallbackUrl, request.Form["StatusCallback"]);
        Assert.Matches(@"^\d{6} is your Tiny Tea Shop sign-in code\. It expires in 10 min\. Never share it\.$", request.Form["Body"]);
        Assert.True(request.Form["Body"].Length <= 160);
        var signedIn = await shopper.EnterCodeAsync(verify, world.LatestSmsCode(Mobile));
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task With_a_WebOTP_host_the_text_ends_with_the_line_phones_fill_the_code_from()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:WebOtpHost"] = "shop.example" });
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        await shopper.PasswordStepAsync(Email, Journeys.Password);

        var body = world.Twilio.Messages.Single().Body;
        Assert.EndsWith($"\n\n@shop.example #{world.LatestSmsCode(Mobile)}", body);
        Assert.True(body.Length <= 160, $"{body.Length} characters");
    }

    [Fact]
    public async Task A_shopper_who_reads_Spanish_gets_the_text_in_Spanish()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        shopper.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-ES");

        await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Matches(@"^\d{6} es tu codigo de acceso a Tiny Tea Shop\.", world.Twilio.Messages.Single().Body);
    }

    [Fact]
    public async Task A_landline_gets_a_voice_call_that_reads_the_code_digit_by_digit_and_offers_to_repeat()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:Sms:Twilio:Voice"] = "Polly.Joanna" });
        await world.Shop.CreateAccountAsync(Email, Landline, DeliveryChannel.Voice);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We called •••• 0958 to read you a code.", verify.Text);
        var call = Assert.Single(world.Twilio.Calls);
        Assert.Equal(Landline, call.To);
        var twiml = XDocument.Parse(call.Twiml).Root!;
        var says = twiml.Elements("Say").ToList();
        Assert.Equal(4, says.Count); // three readings and goodbye
        Assert.All(says, say => Assert.Equal("Polly.Joanna", say.Attribute("voice")!.Value));
        Assert.All(says, say => Assert.Equal("en-US", say.Attribute("language")!.Value));
        var gathers = twiml.Elements("Gather").ToList();
        Assert.Equal(2, gathers.Count);
        Assert.All(gathers, gather => Assert.Equal("1", gather.Attribute("numDigits")!.Value));
        var spoken = Regex.Match(says[0].Value, @"\d(, \d){5}").Value;
        Assert.NotEmpty(spoken);
        var signedIn = await shopper.EnterCodeAsync(verify, spoken.Replace(", ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("/", signedIn.Path);
    }

    [Theory]
    [InlineData(21614, "This number cannot receive text messages.")]
    [InlineData(21211, "This phone number is not valid.")]
    [InlineData(21408, "We cannot send text messages to this country.")]
    [InlineData(21610, "This number has asked not to receive our text messages.")]
    public async Task Twilio_errors_become_plain_words_and_leave_no_code_waiting(int code, string expected)
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:FailoverToEmail"] = "false" });
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        world.Twilio.FailNext(400, code, "The 'To' number is not valid for this request.");

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains(expected, verify.Alerts);
        Assert.Contains("No code is waiting.", verify.Text);
        Assert.Contains(world.Shop.Logs.Lines, line => line.Contains($"error {code}", StringComparison.Ordinal));
        Assert.Contains(world.Shop.Logs.Lines, line => line.Contains($"https://www.twilio.com/docs/errors/{code}", StringComparison.Ordinal));
        Assert.Single(world.Twilio.Requests);
    }

    [Fact]
    public async Task When_Twilio_fails_the_code_goes_by_email_and_the_verify_screen_says_so()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        world.Twilio.FailNext(500, 20500, "Internal Server Error");

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We sent a code by email to j•••@example.com.", verify.Text);
        Assert.Contains("We sent the code by email instead.", verify.Statuses);
        Assert.Single(world.Twilio.Requests); // a 500 may have sent the text: never retried
        var signedIn = await shopper.EnterCodeAsync(verify, world.LatestMailCode(Email));
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task When_Twilio_fails_the_spanish_verify_screen_says_in_spanish_that_the_code_went_by_email()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        shopper.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        world.Twilio.FailNext(500, 20500, "Internal Server Error");

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("No pudimos enviar un mensaje de texto a su teléfono. Le enviamos el código por correo electrónico.", verify.Statuses);
        Assert.DoesNotContain("instead", verify.Statuses, StringComparison.Ordinal);
        var signedIn = await shopper.SubmitAsync(verify, "Verificar", ("Input.Code", world.LatestMailCode(Email)));
        Assert.Equal("/", signedIn.Path);
    }

    [Fact]
    public async Task A_rate_limit_with_Retry_After_is_retried_and_the_text_goes_once()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        world.Twilio.RateLimitNext(retryAfterSeconds: 0);
        world.Twilio.UnavailableNext();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Equal(3, world.Twilio.Requests.Count);
        Assert.Single(world.Twilio.Messages);
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, world.LatestSmsCode(Mobile))).Path);
    }

    [Fact]
    public async Task A_stalled_Twilio_is_given_up_on_after_the_timeout_and_never_asked_twice()
    {
        await using var world = await DeliveryWorld.StartAsync(new()
        {
            ["IdentityTfa:Sms:Twilio:Timeout"] = "00:00:01",
            ["IdentityTfa:FailoverToEmail"] = "false",
        });
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        world.Twilio.StallNext();

        var arrived = world.Twilio.NextRequestAsync();
        var signingIn = shopper.PasswordStepAsync(Email, Journeys.Password);
        await arrived;
        world.Shop.Time.Advance(TimeSpan.FromSeconds(2));
        var verify = await signingIn;

        Assert.Contains("We could not send the text message right now.", verify.Alerts);
        Assert.Single(world.Twilio.Requests);
    }

    [Fact]
    public async Task A_gateways_HTML_page_is_a_failed_send_not_an_unreachable_Twilio()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:FailoverToEmail"] = "false" });
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        world.Twilio.GatewayPageNext();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We could not send the text message right now.", verify.Alerts);
        Assert.Contains(world.Shop.Logs.Lines, line => line.Contains("Twilio refused a request to Messages.json: HTTP 502", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Shop.Logs.Lines, line => line.Contains("Twilio could not be reached", StringComparison.Ordinal) || line.Contains("<html>", StringComparison.Ordinal));
        Assert.Single(world.Twilio.Requests);
    }

    [Fact]
    public async Task Twilio_refusing_connections_gives_a_clear_message()
    {
        await using var world = await DeliveryWorld.StartAsync(new()
        {
            ["IdentityTfa:Sms:Twilio:BaseUrl"] = $"http://127.0.0.1:{SmtpServer.FreePort()}/",
            ["IdentityTfa:FailoverToEmail"] = "false",
        });
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        Assert.Contains("We could not send the text message right now.", verify.Alerts);
        Assert.Contains(world.Shop.Logs.Lines, line => line.Contains("Twilio could not be reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_auth_token_and_the_code_never_reach_the_log()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Mobile, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var code = world.LatestSmsCode(Mobile);
        await shopper.EnterCodeAsync(verify, code);

        Assert.DoesNotContain(world.Shop.Logs.Lines, line => line.Contains(FakeTwilio.AuthToken, StringComparison.Ordinal));
        Assert.DoesNotContain(world.Shop.Logs.Lines, line => Regex.IsMatch(line, $@"\b{code}\b"));
    }
}
