using IdentityTfa.Delivery.Twilio;

namespace IdentityTfa.UnitTests.Delivery.Twilio;

public class TwilioLookupOptionsTests
{
    private readonly TwilioOptionsValidator _validator = new();

    [Fact]
    public void Lookup_is_off_by_default_with_the_documented_defaults()
    {
        var lookup = new TwilioOptions().Lookup;

        Assert.False(lookup.Enabled);
        Assert.Equal("line_type_intelligence,sim_swap,sms_pumping_risk", lookup.Fields);
        Assert.Equal(TimeSpan.FromDays(7), lookup.SimSwapWindow);
        Assert.Equal(60, lookup.PumpingRiskThreshold);
        Assert.Equal(TimeSpan.FromDays(1), lookup.CacheFor);
        Assert.True(_validator.Validate(null, new TwilioOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Fields", "IdentityTfa:Sms:Twilio:Lookup:Fields")]
    [InlineData("SimSwapWindow", "IdentityTfa:Sms:Twilio:Lookup:SimSwapWindow")]
    [InlineData("PumpingRiskThreshold", "IdentityTfa:Sms:Twilio:Lookup:PumpingRiskThreshold")]
    [InlineData("CacheFor", "IdentityTfa:Sms:Twilio:Lookup:CacheFor")]
    [InlineData("BaseUrl", "IdentityTfa:Sms:Twilio:Lookup:BaseUrl")]
    public void A_bad_lookup_value_is_refused_with_its_configuration_key(string what, string key)
    {
        var options = Configured();
        switch (what)
        {
            case "Fields": options.Lookup.Fields = "line_type_intelligence,caller_name"; break;
            case "SimSwapWindow": options.Lookup.SimSwapWindow = TimeSpan.FromMinutes(5); break;
            case "PumpingRiskThreshold": options.Lookup.PumpingRiskThreshold = 101; break;
            case "CacheFor": options.Lookup.CacheFor = TimeSpan.FromDays(-1); break;
            case "BaseUrl": options.Lookup.BaseUrl = "http://lookups.example.com"; break;
        }

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }

    [Fact]
    public void Lookup_without_Twilio_is_refused_naming_the_keys()
    {
        var options = new TwilioOptions { Lookup = { Enabled = true } };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("IdentityTfa:Sms:Twilio:Lookup:Enabled", result.FailureMessage);
        Assert.Contains("IdentityTfa:Sms:Twilio:AccountSid", result.FailureMessage);
    }

    private static TwilioOptions Configured() => new()
    {
        AccountSid = "AC0123456789abcdef0123456789abcdef",
        AuthToken = "token",
        From = "+15005550006",
        Lookup = { Enabled = true },
    };
}
