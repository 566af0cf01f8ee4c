namespace IdentityTfa.Identity;

/// <summary>What a user offers as the second step of a sign-in.</summary>
internal abstract record SecondFactor(string Value)
{
    /// <summary>The longest code or recovery code that is checked at all; a longer one counts as a wrong one.</summary>
    public const int MaxLength = 32;

    /// <summary>
    /// A code from a text, a call, an email or the authenticator app, checked by <paramref name="Provider"/>, or when
    /// null by the provider of the channel the waiting sign-in code went by.
    /// </summary>
    public sealed record Code(string Value, string? Provider = null) : SecondFactor(Value);

    /// <summary>One of the account's recovery codes, which works once.</summary>
    public sealed record RecoveryCode(string Value) : SecondFactor(Value);
}
