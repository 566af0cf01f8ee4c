namespace IdentityTfa.Delivery;

/// <summary>What a message provider answered.</summary>
/// <param name="Succeeded">Whether the provider took the message.</param>
/// <param name="ProviderMessageId">The provider's id of the message, when it gave one.</param>
/// <param name="Error">A message for the user when it failed, in plain words.</param>
/// <param name="Detail">The provider's own answer when it failed, for the log and the audit; never shown to users.</param>
public sealed record DeliveryResult(bool Succeeded, string? ProviderMessageId, string? Error, string? Detail = null)
{
    /// <summary>The provider that answered, as the metrics name it (<c>twilio</c>, <c>smtp</c>, <c>devinbox</c>); null when unknown.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider took the message.</summary>
    public static DeliveryResult Sent(string? providerMessageId, string? provider = null) => new(true, providerMessageId, null) { Provider = provider };

    /// <summary>The provider refused or could not be reached.</summary>
    public static DeliveryResult Failed(string error, string? detail = null) => new(false, null, error, detail);
}
