namespace IdentityTfa.Challenges;

/// <summary>A code just issued, to be delivered once and then forgotten.</summary>
internal sealed record IssuedCode(Guid ChallengeId, string Code, DateTimeOffset ExpiresAt);
