namespace IdentityTfa.Delivery;

/// <summary>A message ready for one channel.</summary>
/// <param name="Channel">The channel it goes by.</param>
/// <param name="To">A phone number in E.164 form, or an email address.</param>
/// <param name="Subject">The email subject; empty for text and voice.</param>
/// <param name="Body">The text of the message; for a voice call, the script to read.</param>
/// <param name="HtmlBody">The HTML body of an email, when there is one.</param>
/// <param name="Language">The two-letter language the message is written in.</param>
public sealed record OutgoingMessage(DeliveryChannel Channel, string To, string Subject, string Body, string? HtmlBody = null, string Language = "en");
