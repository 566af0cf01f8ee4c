using IdentityTfa.Reauthentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.Api;

/// <summary>
/// Refuses a change to the account's factors, email or password from a token whose second factor (or, for an account
/// without one, password) is older than the re-authentication window, or was never entered: a password-only token of an
/// account with a second factor never passes. The answer tells the app to sign in again through <c>/token</c>.
/// </summary>
internal static class RecentAuthenticationFilter
{
    /// <summary>The problem type of a refusal for want of a recent second factor.</summary>
    public const string SecondFactorRequiredType = "urn:identitytfa:problem:second-factor-required";

    /// <summary>The problem type of a refusal for want of a recent password, for an account without a second factor.</summary>
    public const string PasswordRequiredType = "urn:identitytfa:problem:password-required";

    public static TBuilder RequireRecentAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var state = await http.RequestServices.GetRequiredService<IRecentAuthentication>().CheckAsync(http.User, http.RequestAborted);
            return state switch
            {
                RecentAuthenticationState.Recent => await next(context),
                RecentAuthenticationState.SecondFactorRequired or RecentAuthenticationState.StrongSecondFactorRequired => TypedResults.Problem(
                    "This change needs a code entered within the last minutes. Sign in again through /token with your password and a code, then repeat the request with the new access token.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Sign in again with a code.",
                    type: SecondFactorRequiredType,
                    extensions: new Dictionary<string, object?> { ["reauthenticate"] = "token" }),
                RecentAuthenticationState.PasswordRequired => TypedResults.Problem(
                    "This change needs the password entered within the last minutes. Sign in again through /token, then repeat the request with the new access token.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Sign in again with your password.",
                    type: PasswordRequiredType,
                    extensions: new Dictionary<string, object?> { ["reauthenticate"] = "token" }),
                _ => TypedResults.Unauthorized(),
            };
        });
}
