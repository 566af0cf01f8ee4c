namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// The accounts the tests sign in with, named once. Imported statically in every test project (see the csproj), so a
/// test reads <c>Email</c> and <c>Phone</c>; a class that needs another person declares its own constant.
/// </summary>
public static class TestAccounts
{
    /// <summary>Jane, the shopper most tests follow.</summary>
    public const string Email = "jane@example.com";

    /// <summary>Jane's phone in E.164, as the texts are addressed (and as the dev inbox files them).</summary>
    public const string Phone = "+16502530000";

    /// <summary>The seeded administrator of the dev shop.</summary>
    public const string AdminEmail = "admin@example.com";
}
