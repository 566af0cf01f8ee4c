using System.Text.RegularExpressions;
using IdentityTfa.IntegrationTests.Delivery;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>Faults put exceptions in the log while a code is on its way; neither the exception texts nor the pages may carry it.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class SecretsInFaultsTests
{
    [Fact]
    public async Task When_Twilio_cannot_be_reached_the_logged_exception_carries_neither_the_code_nor_the_auth_token()
    {
        await using var world = await DeliveryWorld.StartAsync(new()
        {
            ["IdentityTfa:Sms:Twilio:BaseUrl"] = $"http://127.0.0.1:{SmtpServer.FreePort()}/",
        });
        await world.Shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        // The failover mail carries the very code the failed text message held.
        var code = world.LatestMailCode(Email);
        Assert.Matches(@"^\d{6}$", code);
        var exceptionLines = world.Shop.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(exceptionLines);
        Assert.DoesNotContain(world.Shop.Logs.Lines, line => Regex.IsMatch(line, $@"\b{code}\b"));
        Assert.DoesNotContain(world.Shop.Logs.Lines, line => line.Contains(FakeTwilio.AuthToken, StringComparison.Ordinal));
        Assert.DoesNotContain(code, verify.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("/", (await shopper.EnterCodeAsync(verify, code)).Path);
    }
}
