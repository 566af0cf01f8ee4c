namespace IdentityTfa.Delivery;

/// <summary>A message carrying a code, ready for one channel.</summary>
/// <param name="Channel">The channel it goes by.</param>
/// <param name="To">A phone number in E.164 form, or an email address.</param>
/// <param name="Subject">The email subject; empty for text and voice.</param>
/// <param name="Body">The text of the message.</param>
public sealed record OutgoingMessage(DeliveryChannel Channel, string To, string Subject, string Body);
