namespace IdentityTfa.Delivery.Twilio.Lookup;

/// <summary>What a number lookup decided for one send.</summary>
internal abstract record LookupDecision
{
    private LookupDecision()
    {
    }

    /// <summary>Send by <paramref name="Channel"/> (a call instead of a text for a landline).</summary>
    public sealed record Send(DeliveryChannel Channel) : LookupDecision;

    /// <summary>Send the sign-in code by email instead; <paramref name="Notice"/> tells the user why, <paramref name="Reason"/> names it for a UI.</summary>
    public sealed record ToEmail(string Notice, string Reason) : LookupDecision;

    /// <summary>Send nothing; <paramref name="Message"/> tells the user why.</summary>
    public sealed record Refuse(string Message) : LookupDecision;
}
