namespace IdentityTfa.Passkeys;

/// <summary>A stored passkey as the settings show it: its id (base64url), its name and when it was added (Identity keeps no last-used date).</summary>
internal sealed record PasskeyInfo(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>What adding a passkey came to.</summary>
internal enum PasskeyAddResult
{
    /// <summary>The passkey was stored and passkeys are on as a method.</summary>
    Added,

    /// <summary>No passkey request was waiting (it expired, or came from another browser or account).</summary>
    NoRequest,

    /// <summary>The browser's answer was not a valid new passkey for this account.</summary>
    Refused,

    /// <summary>The site policy does not let this account use passkeys.</summary>
    NotAllowed,
}
