using System.Xml.Linq;
using IdentityTfa.Delivery.Twilio;

namespace IdentityTfa.UnitTests.Delivery.Twilio;

public class TwilioVoiceChannelTests
{
    [Fact]
    public void The_call_reads_the_code_each_time_offers_to_repeat_between_and_says_goodbye()
    {
        var message = new OutgoingMessage(DeliveryChannel.Voice, "+442079460958", string.Empty, "Your code is 1, 2, 3, 4, 5, 6.", Language: "de");

        var twiml = XDocument.Parse(TwilioVoiceChannel.Twiml(message, new TwilioOptions { VoiceRepeats = 2, Voice = "Polly.Marlene" })).Root!;

        Assert.Equal("Response", twiml.Name.LocalName);
        Assert.Equal(["Say", "Pause", "Gather", "Say", "Pause", "Say"], twiml.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Your code is 1, 2, 3, 4, 5, 6.", twiml.Elements("Say").First().Value);
        Assert.All(twiml.Descendants("Say"), say => Assert.Equal(("Polly.Marlene", "de-DE"), (say.Attribute("voice")?.Value, say.Attribute("language")?.Value)));
        var gather = twiml.Element("Gather")!;
        Assert.Equal(("1", "4"), (gather.Attribute("numDigits")?.Value, gather.Attribute("timeout")?.Value));
        Assert.NotEmpty(gather.Element("Say")!.Value);
    }
}
