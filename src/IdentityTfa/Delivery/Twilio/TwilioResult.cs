namespace IdentityTfa.Delivery.Twilio;

/// <summary>Twilio's answer to one request: the resource's SID, or its error (HTTP status 0 when Twilio was not reached).</summary>
internal sealed record TwilioResult(string? Sid, int HttpStatus, int? ErrorCode, string? ErrorMessage, string? MoreInfo = null)
{
    public bool Succeeded => Sid is not null;
}
