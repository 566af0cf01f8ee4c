namespace IdentityTfa.UI.Text;

/// <summary>
/// Says which methods a role's rule counts (<c>SiteMethods.RequiredForAsync</c>), strongest first: "Your role needs a
/// passkey or an authenticator app.", and, when the rule takes no text, call or email, why those are not enough. The
/// words are keys of the page's group (<see cref="AccountText"/> or <see cref="ManageText"/>), so each group has them.
/// </summary>
internal static class RoleMethodWords
{
    private static readonly DeliveryChannel[] StrongestFirst =
        [DeliveryChannel.Passkey, DeliveryChannel.Authenticator, DeliveryChannel.Sms, DeliveryChannel.Voice, DeliveryChannel.Email];

    /// <summary>"Your role needs X or Y." and, for a rule of strong methods only, the reason.</summary>
    public static string Needs(IStringLocalizer T, IReadOnlyCollection<DeliveryChannel> counted)
    {
        var names = StrongestFirst.Where(counted.Contains).Select(c => T[Noun(c)].Value).ToList();
        var list = names.Count switch
        {
            0 => T[Noun(DeliveryChannel.Authenticator)].Value,
            1 => names[0],
            _ => T["{0} or {1}", string.Join(", ", names[..^1]), names[^1]].Value,
        };
        var needs = T["Your role needs {0}.", list].Value;
        return counted.All(Policy.SiteMethods.IsStrong)
            ? needs + " " + T["Codes by text, call or email can be taken over (a SIM swap, a forwarded number, a read mailbox), so they are not enough for your role."].Value
            : needs;
    }

    private static string Noun(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Passkey => "a passkey",
        DeliveryChannel.Authenticator => "an authenticator app",
        DeliveryChannel.Sms => "a code by text message",
        DeliveryChannel.Voice => "a code by voice call",
        _ => "a code by email",
    };
}
