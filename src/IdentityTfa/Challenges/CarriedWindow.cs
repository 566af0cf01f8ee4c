namespace IdentityTfa.Challenges;

/// <summary>A verify-rate window and the codes entered in it, which a new code takes over from the one it replaces.</summary>
internal sealed record CarriedWindow(long Window, int Attempts);
