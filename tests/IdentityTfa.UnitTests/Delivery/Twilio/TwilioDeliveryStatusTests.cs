using IdentityTfa.Delivery.Twilio;

namespace IdentityTfa.UnitTests.Delivery.Twilio;

public class TwilioDeliveryStatusTests
{
    [Theory]
    [InlineData("failed")]
    [InlineData("undelivered")]
    [InlineData("busy")]
    [InlineData("no-answer")]
    public void A_report_that_the_text_or_call_did_not_reach_the_phone_is_a_failed_delivery(string status) =>
        Assert.True(TwilioDeliveryStatus.IsFailure(status));

    [Theory]
    [InlineData("queued")]
    [InlineData("sent")]
    [InlineData("delivered")]
    [InlineData("completed")]
    [InlineData(null)]
    public void A_report_of_progress_or_arrival_or_none_is_not(string? status) =>
        Assert.False(TwilioDeliveryStatus.IsFailure(status));
}
