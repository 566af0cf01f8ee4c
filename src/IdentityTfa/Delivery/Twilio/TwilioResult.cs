namespace IdentityTfa.Delivery.Twilio;

/// <summary>Twilio's answer to one create request: the new resource's SID, or its error.</summary>
internal sealed record TwilioResult(string? Sid, int HttpStatus, int? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => Sid is not null;
}
