using System.Security.Cryptography;
using System.Text;

namespace IdentityTfa.IntegrationTests.Delivery;

public class StatusCallbackTests
{
    [Fact]
    public async Task A_signed_undelivered_report_is_recorded_and_shown_on_the_verify_screen()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var sid = await SidOfLastMessageAsync(world);

        var status = await PostCallbackAsync(world, sid, "undelivered", FakeTwilio.AuthToken);

        Assert.Equal(HttpStatusCode.NoContent, status);
        var reloaded = await shopper.GetAsync(verify.Url.PathAndQuery);
        Assert.Contains("The code could not be delivered.", reloaded.Alerts);
    }

    [Fact]
    public async Task Forged_and_unsigned_reports_are_refused()
    {
        await using var world = await DeliveryWorld.StartAsync();
        await world.Shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var sid = await SidOfLastMessageAsync(world);

        Assert.Equal(HttpStatusCode.Forbidden, await PostCallbackAsync(world, sid, "undelivered", "not-the-auth-token"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostCallbackAsync(world, sid, "undelivered", signWith: null));
        var reloaded = await shopper.GetAsync(verify.Url.PathAndQuery);
        Assert.DoesNotContain("could not be delivered", reloaded.Alerts);
    }

    [Fact]
    public void The_signature_is_Twilios_documented_one()
    {
        // The vector of Twilio's own request-validator tests (twilio-ruby), computed here by the test's own HMAC-SHA1.
        var parameters = new Dictionary<string, string>
        {
            ["ToState"] = "California", ["CalledState"] = "California", ["Direction"] = "inbound", ["FromState"] = "CA",
            ["AccountSid"] = "ACba8bc05eacf94afdae398e642c9cc32d", ["Caller"] = "+14153595711", ["CallerZip"] = "94108",
            ["CallerCountry"] = "US", ["From"] = "+14153595711", ["FromCity"] = "SAN FRANCISCO", ["CallerCity"] = "SAN FRANCISCO",
            ["To"] = "+14157669926", ["FromZip"] = "94108", ["FromCountry"] = "US", ["ToCity"] = "", ["CallStatus"] = "ringing",
            ["CalledCity"] = "", ["CallerState"] = "CA", ["CalledZip"] = "", ["ToZip"] = "", ["ToCountry"] = "US",
            ["CallSid"] = "CA136d09cd59a3c0ec8dbff44da5c03f31", ["CalledCountry"] = "US", ["Called"] = "+14157669926",
            ["ApiVersion"] = "2010-04-01", ["ApplicationSid"] = "AP44efecad51364e80b133bb7c07eb8204",
        };

        Assert.Equal("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=", Sign("2bd9e9638872de601313dc77410d3b23", "http://twiliotests.heroku.com/validate/voice", parameters));
        Assert.True(new Twilio.Security.RequestValidator("2bd9e9638872de601313dc77410d3b23").Validate("http://twiliotests.heroku.com/validate/voice", parameters, "oVb2kXoVy8GEfwBDjR8bk/ZZ6eA="));
    }

    [Fact]
    public async Task A_report_signed_with_a_shared_key_by_HMAC_SHA256_is_accepted_and_one_signed_otherwise_refused()
    {
        const string SharedKey = "webhooks-shared-key-secret-0123456789";
        await using var world = await DeliveryWorld.StartAsync(new() { ["IdentityTfa:Sms:Twilio:WebhookSharedKeySecret"] = SharedKey });
        await world.Shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var sid = await SidOfLastMessageAsync(world);

        Assert.Equal(HttpStatusCode.Forbidden, await PostCallbackAsync(world, sid, "undelivered", FakeTwilio.AuthToken, sha256: true)); // the token is not the key
        Assert.Equal(HttpStatusCode.Forbidden, await PostCallbackAsync(world, sid, "undelivered", SharedKey, sha256: false)); // nor SHA-1 under the settings header
        Assert.DoesNotContain("could not be delivered", (await shopper.GetAsync(verify.Url.PathAndQuery)).Alerts);

        Assert.Equal(HttpStatusCode.NoContent, await PostCallbackAsync(world, sid, "undelivered", SharedKey, sha256: true));
        Assert.Contains("The code could not be delivered.", (await shopper.GetAsync(verify.Url.PathAndQuery)).Alerts);
    }

    private static async Task<string> SidOfLastMessageAsync(DeliveryWorld world)
    {
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityTfa.Shop.Data.ShopDbContext>();
        return db.Set<IdentityTfa.Entities.TwoFactorChallenge>().Single().ProviderMessageId!;
    }

    private static async Task<HttpStatusCode> PostCallbackAsync(DeliveryWorld world, string sid, string status, string? signWith, bool? sha256 = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["MessageStatus"] = status, ["AccountSid"] = FakeTwilio.AccountSid, ["To"] = Phone, ["ErrorCode"] = "30003",
        };
        using var client = world.Shop.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/identitytfa/twilio/status") { Content = new FormUrlEncodedContent(form) };
        if (signWith is not null)
        {
            request.Headers.Add("X-Twilio-Signature", sha256 == true ? Sign256(signWith, DeliveryWorld.StatusCallbackUrl, form) : Sign(signWith, DeliveryWorld.StatusCallbackUrl, form));
        }

        if (sha256 is not null)
        {
            request.Headers.Add("X-Twilio-Webhooks-Signature-Settings", "key=webhooks_sharedkey_0123,algorithm=HMAC_SHA256");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Sign256(string key, string url, IReadOnlyDictionary<string, string> parameters)
    {
        var data = url + string.Concat(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
    }

    internal static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> parameters)
    {
        var data = url + string.Concat(parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));
    }
}
