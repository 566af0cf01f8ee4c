namespace IdentityTfa.Delivery;

/// <summary>How a code reaches the user.</summary>
public enum DeliveryChannel
{
    /// <summary>Text message to a mobile phone.</summary>
    Sms = 0,

    /// <summary>Voice call that reads the code.</summary>
    Voice = 1,

    /// <summary>Email.</summary>
    Email = 2,
}
