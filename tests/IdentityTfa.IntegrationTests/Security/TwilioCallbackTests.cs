using IdentityTfa.Audit;
using IdentityTfa.Delivery.Twilio;
using IdentityTfa.IntegrationTests.Delivery;
using Microsoft.AspNetCore.Builder;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>Twilio's status callback against an oversized body and a replay.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class TwilioCallbackTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_65_KB_report_is_refused_with_413_and_nothing_is_recorded(bool chunked)
    {
        await using var world = await DeliveryWorld.StartAsync();
        var sid = await SendCodeAsync(world);
        var form = Report(sid, "undelivered");
        form["Padding"] = new string('x', 65 * 1024);

        var status = await PostAsync(world, form, chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        var (challenge, reports) = await RecordedAsync(world, sid);
        Assert.Null(challenge.DeliveryStatus);
        Assert.Equal(0, reports);
    }

    [Fact]
    public async Task A_report_with_more_fields_than_a_form_takes_is_refused_with_400_not_a_server_error()
    {
        await using var world = await DeliveryWorld.StartAsync();
        var sid = await SendCodeAsync(world);
        var form = Report(sid, "undelivered");
        for (var i = 0; i < 1100; i++)
        {
            form[$"F{i}"] = string.Empty;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(world, form));
        var (challenge, reports) = await RecordedAsync(world, sid);
        Assert.Null(challenge.DeliveryStatus);
        Assert.Equal(0, reports);
    }

    [Fact]
    public async Task The_same_report_twice_is_recorded_once_and_the_replay_changes_nothing()
    {
        await using var world = await DeliveryWorld.StartAsync();
        var sid = await SendCodeAsync(world);

        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(world, Report(sid, "sent")));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(world, Report(sid, "delivered")));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(world, Report(sid, "sent")));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(world, Report(sid, "delivered")));

        var (challenge, reports) = await RecordedAsync(world, sid);
        Assert.Equal("delivered", challenge.DeliveryStatus);
        Assert.Equal(2, reports);
    }

    private static async Task<string> SendCodeAsync(DeliveryWorld world)
    {
        await world.Shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();
        await shopper.PasswordStepAsync(Email, Journeys.Password);
        await using var scope = world.Shop.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<TwoFactorChallenge>().SingleAsync()).ProviderMessageId!;
    }

    private static async Task<(TwoFactorChallenge Challenge, int Reports)> RecordedAsync(DeliveryWorld world, string sid)
    {
        await using var scope = world.Shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        return (
            await db.Set<TwoFactorChallenge>().AsNoTracking().SingleAsync(c => c.ProviderMessageId == sid),
            await db.Set<AuditEvent>().CountAsync(a => a.Type == AuditEventTypes.DeliveryStatus && a.ProviderMessageId == sid));
    }

    private static Dictionary<string, string> Report(string sid, string status) => new()
    {
        ["MessageSid"] = sid, ["MessageStatus"] = status, ["AccountSid"] = FakeTwilio.AccountSid, ["To"] = Phone,
    };

    private static async Task<HttpStatusCode> PostAsync(DeliveryWorld world, Dictionary<string, string> form, bool chunked = false)
    {
        using var client = world.Shop.CreateClient();
        var body = await new FormUrlEncodedContent(form).ReadAsByteArrayAsync();
        HttpContent content = chunked ? new UnsizedContent(body) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioStatusEndpoint.DefaultPath) { Content = content };
        request.Headers.Add("X-Twilio-Signature", StatusCallbackTests.Sign(FakeTwilio.AuthToken, DeliveryWorld.StatusCallbackUrl, form));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A body that declares no length, as a chunked upload.</summary>
    private sealed class UnsizedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
