namespace IdentityTfa.Delivery;

/// <summary>Shows enough of a phone number or email address for its owner to recognise it, and no more.</summary>
internal static class MaskedDestination
{
    private const string Dots = "••••";

    /// <summary><c>+15551234567</c> becomes <c>•••• 4567</c>.</summary>
    public static string Phone(string phoneNumber)
    {
        var digits = new string(phoneNumber.Where(char.IsAsciiDigit).ToArray());
        return digits.Length < 6 ? Dots : $"{Dots} {digits[^4..]}";
    }

    /// <summary><c>jane@example.com</c> becomes <c>j•••@example.com</c>.</summary>
    public static string Email(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 1)
        {
            return Dots;
        }

        return $"{address[0]}•••{address[at..]}";
    }

    /// <summary>The masked form of a destination on the given channel.</summary>
    public static string For(DeliveryChannel channel, string destination) => channel switch
    {
        DeliveryChannel.Email => Email(destination),
        DeliveryChannel.Authenticator or DeliveryChannel.Passkey => string.Empty,
        _ => Phone(destination),
    };
}
