using IdentityTfa.Delivery.Twilio.Lookup;
using Twilio.Rest.Lookups.V2;

namespace IdentityTfa.UnitTests.Delivery.Twilio;

public class TwilioNumberLookupTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Reads_line_type_carrier_last_SIM_swap_and_pumping_score_from_Lookups_answer()
    {
        var found = PhoneNumberResource.FromJson("""
            {"phone_number":"+16502530000","valid":true,
             "line_type_intelligence":{"carrier_name":"Fake Mobile","type":"mobile","error_code":null},
             "sim_swap":{"last_sim_swap":{"last_sim_swap_date":"2026-11-29T08:30:00Z","swapped_period":"PT168H","swapped_in_period":true},"carrier_name":"Fake Mobile","error_code":null},
             "sms_pumping_risk":{"sms_pumping_risk_score":72,"error_code":null}}
            """);

        var record = TwilioNumberLookup.Read(Phone, found, Now);

        Assert.Equal("mobile", record.LineType);
        Assert.Equal("Fake Mobile", record.Carrier);
        Assert.Equal(new DateTime(2026, 11, 29, 8, 30, 0, DateTimeKind.Utc), record.LastSimSwapAt);
        Assert.Equal(DateTimeKind.Utc, record.LastSimSwapAt!.Value.Kind);
        Assert.Equal(72, record.PumpingRiskScore);
        Assert.Equal(Now, record.LookedUpAt);
    }

    [Fact]
    public void A_swap_said_only_to_be_within_the_period_counts_as_now_and_a_package_with_an_error_as_unknown()
    {
        var found = PhoneNumberResource.FromJson("""
            {"phone_number":"+16502530000",
             "line_type_intelligence":{"type":null,"error_code":60601},
             "sim_swap":{"last_sim_swap":{"last_sim_swap_date":null,"swapped_period":"PT24H","swapped_in_period":true},"error_code":null},
             "sms_pumping_risk":null}
            """);

        var record = TwilioNumberLookup.Read(Phone, found, Now);

        Assert.Null(record.LineType);
        Assert.Equal(Now, record.LastSimSwapAt);
        Assert.Null(record.PumpingRiskScore);
    }

    [Fact]
    public void No_swap_known_leaves_the_date_empty()
    {
        var found = PhoneNumberResource.FromJson("""
            {"phone_number":"+16502530000","sim_swap":{"last_sim_swap":{"last_sim_swap_date":null,"swapped_period":"PT168H","swapped_in_period":false},"error_code":null}}
            """);

        Assert.Null(TwilioNumberLookup.Read(Phone, found, Now).LastSimSwapAt);
    }
}
