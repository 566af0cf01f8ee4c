namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The links a registration mails: the new account's confirmation, or for a taken address its holder's sign-in and reset.</summary>
/// <param name="Confirmation">The confirmation link for a user id and its encoded token.</param>
/// <param name="SignIn">The sign-in page, for the holder of a taken address.</param>
/// <param name="ForgotPassword">The forgot-password page, for the holder of a taken address.</param>
internal sealed record RegistrationLinks(Func<string, string, string> Confirmation, string SignIn, string ForgotPassword);
