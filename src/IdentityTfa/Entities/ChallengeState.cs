namespace IdentityTfa.Entities;

/// <summary>Where a challenge stands. Only <see cref="Active"/> accepts a code.</summary>
internal enum ChallengeState
{
    /// <summary>Waiting for its code.</summary>
    Active = 0,

    /// <summary>Its code was entered once and accepted; it never works again.</summary>
    Used = 1,

    /// <summary>A newer code for the same user and purpose replaced it.</summary>
    Superseded = 2,

    /// <summary>Too many wrong codes were entered.</summary>
    Exhausted = 3,
}
