namespace IdentityTfa.IntegrationTests.Delivery;

public class ProductionStartupTests
{
    [Fact]
    public async Task Production_starts_with_Twilio_and_SMTP_configured_and_never_serves_the_dev_inbox()
    {
        await using var world = await DeliveryWorld.StartAsync(environment: "Production");
        using var shopper = world.Shop.NewShopper();

        Assert.Equal(System.Net.HttpStatusCode.OK, await shopper.StatusOfAsync("/Identity/Account/Login"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await shopper.StatusOfAsync("/dev/inbox"));
    }

    [Fact]
    public async Task Incomplete_Twilio_settings_refuse_to_start_and_name_the_key_without_the_secret()
    {
        await using var shop = new ShopFactory(new()
        {
            ["IdentityTfa:Sms:Twilio:AccountSid"] = FakeTwilio.AccountSid,
            ["IdentityTfa:Sms:Twilio:AuthToken"] = FakeTwilio.AuthToken,
        });

        var failure = Assert.ThrowsAny<Exception>(() => shop.NewShopper());

        var message = failure.ToString();
        Assert.Contains("IdentityTfa:Sms:Twilio:From", message);
        Assert.DoesNotContain(FakeTwilio.AuthToken, message);
    }
}
