namespace IdentityTfa.UI.Infrastructure;

/// <summary>An Identity token as the <c>code</c> of an emailed link (base64url of its UTF-8), and back.</summary>
internal static class LinkCode
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token in <paramref name="code"/>, or null when the code is not base64url (a link cut short or changed).</summary>
    public static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
