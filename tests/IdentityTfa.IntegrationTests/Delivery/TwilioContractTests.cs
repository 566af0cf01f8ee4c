using System.Net.Http.Headers;
using System.Text;

namespace IdentityTfa.IntegrationTests.Delivery;

public class TwilioContractTests
{
    [Fact]
    public async Task The_fake_Twilio_refuses_lookups_and_account_reads_that_Twilios_descriptions_do_not_allow()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        using var http = new HttpClient { BaseAddress = twilio.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilio.AccountSid}:{FakeTwilio.AuthToken}")));

        using var valid = await http.GetAsync("/v2/PhoneNumbers/+16502530000?Fields=line_type_intelligence");
        using var unknownQuery = await http.GetAsync("/v2/PhoneNumbers/+16502530000?Fields=line_type_intelligence&Colour=blue");
        using var wrongMethod = await http.PostAsync("/v2/PhoneNumbers/+16502530000", new FormUrlEncodedContent([]));
        using var badAccount = await http.GetAsync("/2010-04-01/Accounts/XX0123.json");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownQuery.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongMethod.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAccount.StatusCode);
        Assert.Contains(twilio.Violations, v => v.Contains("Query parameter Colour", StringComparison.Ordinal));
        Assert.Contains(twilio.Violations, v => v.Contains("POST /v2/PhoneNumbers", StringComparison.Ordinal));
        Assert.Contains(twilio.Violations, v => v.Contains("path parameter Sid", StringComparison.Ordinal));
    }
}
