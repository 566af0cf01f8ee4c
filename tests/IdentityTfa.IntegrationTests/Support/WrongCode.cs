namespace IdentityTfa.IntegrationTests.Support;

/// <summary>What a typo or a guess enters on a code field: a code that is not the right one.</summary>
public static class WrongCode
{
    /// <summary>A six-digit code other than <paramref name="rightCode"/>.</summary>
    public static string For(string rightCode) => rightCode == "000000" ? "111111" : "000000";
}
