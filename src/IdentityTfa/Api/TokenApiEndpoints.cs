using System.Security.Claims;
using IdentityTfa.Api;
using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Identity;
using IdentityTfa.Policy;
using IdentityTfa.Sending;
using IdentityTfa.Sessions;
using IdentityTfa.TokenProviders;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Sign-in for apps that cannot use the cookie pages: password, then code, then Identity's bearer tokens.</summary>
/// <remarks>Every rule of the pages holds: attempts, lockout, single use, limits and audit.</remarks>
public static class TokenApiEndpoints
{
    /// <summary>Maps <c>POST {prefix}/token</c>, <c>/code</c> and <c>/refresh</c>, and the enrolment endpoints for signed-in apps.</summary>
    public static RouteGroupBuilder MapIdentityTfaTokenApi<TUser>(this IEndpointRouteBuilder endpoints, string prefix = "/api/auth")
        where TUser : class
    {
        var group = endpoints.MapGroup(prefix).WithTags("Authentication");

        // A body that cannot be read is answered in words before binding, which would answer an empty 400 or 415.
        ((IEndpointConventionBuilder)group).Finally(JsonBodyCheck.Apply);
        group.MapPost("/token", TokenAsync<TUser>).DisableAntiforgery()
            .WithSummary("Password, then code, then tokens")
            .WithDescription("Email and password alone answer 401 with a challengeId when a second factor is required; then send the code with the challengeId (or with email and password again).");
        group.MapPost("/code", ResendAsync<TUser>).DisableAntiforgery().WithSummary("Send the code again, or by another channel");
        group.MapPost("/refresh", RefreshAsync<TUser>).DisableAntiforgery().WithSummary("New tokens for a refresh token");
        TokenApiEnrolment.Map<TUser>(group);
        return group;
    }

    private static async Task<IResult> TokenAsync<TUser>(TokenRequest request, HttpContext http, TwoFactorSignInManager<TUser> signIn, ITwoFactorCodeSender<TUser> codes, ChallengeTickets tickets, TimeProvider time)
        where TUser : class
    {
        var users = signIn.UserManager;
        TUser? user;
        if (!string.IsNullOrEmpty(request.ChallengeId))
        {
            user = tickets.Read(request.ChallengeId) is { } ticket && await users.FindByIdAsync(ticket.UserId) is { } ticketUser
                && (!users.SupportsUserSecurityStamp || await users.GetSecurityStampAsync(ticketUser) == ticket.Stamp)
                ? ticketUser
                : null;
            if (user is null)
            {
                return Problem(401, "The challenge is unknown or has expired.", "Start again with your email and password.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            {
                return Problem(400, "Email and password are required.", string.IsNullOrWhiteSpace(request.Email) ? "email is required." : "password is required.");
            }

            if (request.Email.Length > 256 || request.Password.Length > 256)
            {
                return Problem(400, "A field is too long.", $"{(request.Email.Length > 256 ? "email" : "password")} must be at most 256 characters.");
            }

            user = await users.FindByEmailAsync(request.Email.Trim());
            if (user is null)
            {
                UnknownAccountTiming.SpendLikeAPasswordCheck(users.PasswordHasher, request.Password);
                return InvalidCredentials();
            }

            var password = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
            if (password.IsLockedOut && await users.CheckPasswordAsync(user, request.Password))
            {
                return Locked(await users.GetLockoutEndDateAsync(user));
            }

            if (password.IsNotAllowed)
            {
                // Identity refuses an unconfirmed account before it checks the password: spend the check it skipped,
                // so that the answer comes no sooner than for an unknown email or a wrong password.
                UnknownAccountTiming.SpendLikeAPasswordCheck(users.PasswordHasher, request.Password);
            }

            if (!password.Succeeded)
            {
                return InvalidCredentials();
            }
        }

        if (!await signIn.IsTwoFactorEnabledAsync(user))
        {
            return request.ChallengeId is null ? await IssueTokensAsync(signIn, user, mfa: false) : InvalidCredentials();
        }

        if (string.IsNullOrEmpty(request.Code))
        {
            var sent = await codes.SendSignInCodeAsync(user, channel: null, http.RequestAborted);
            return await SecondFactorRequiredAsync(user, users, codes, tickets, sent, time, http.RequestAborted);
        }

        // The same second step as the verify screen's: lockout, the cumulative cap, the code and the sign-in in one
        // transaction; with the bearer scheme the sign-in writes the access and refresh tokens as the response, only once
        // that transaction has committed.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        return await signIn.SecondFactorSignInAsync(user, new SecondFactor.Code(request.Code), isPersistent: false, rememberClient: false) switch
        {
            SecondFactorResult.Succeeded => TypedResults.Empty,
            SecondFactorResult.LockedOut locked => Locked(locked.Until),
            SecondFactorResult.Stopped => Problem(403, "Second-factor sign-in is stopped.", "Too many wrong codes were entered for this account. Reset the password by email to sign in again."),
            SecondFactorResult.NotAllowed => InvalidCredentials(),
            SecondFactorResult.Refused { Reason: VerifyResult.WrongCode wrong } => Problem(401, "The code is not right.", $"{wrong.AttemptsLeft} attempts left.", ("attemptsLeft", wrong.AttemptsLeft)),
            SecondFactorResult.Refused { Reason: VerifyResult.Expired } => Problem(401, "The code has expired.", "Ask for a new code."),
            SecondFactorResult.Refused { Reason: VerifyResult.AttemptsExhausted } => Problem(401, "Too many wrong codes were entered.", "Ask for a new code."),
            SecondFactorResult.Refused { Reason: VerifyResult.TooFast } => Problem(429, "Codes are being entered too fast.", "Wait a moment and try again."),
            _ => Problem(401, "There is no code waiting.", "Ask for a new code."),
        };
    }

    private static async Task<IResult> ResendAsync<TUser>(CodeRequest request, HttpContext http, UserManager<TUser> users, ITwoFactorCodeSender<TUser> codes, ChallengeTickets tickets, TimeProvider time)
        where TUser : class
    {
        // A password change (which changes the stamp) ends the challenge, as it ends the page's partial sign-in.
        if (tickets.Read(request.ChallengeId) is not { } ticket || await users.FindByIdAsync(ticket.UserId) is not { } user
            || (users.SupportsUserSecurityStamp && await users.GetSecurityStampAsync(user) != ticket.Stamp))
        {
            return Problem(401, "The challenge is unknown or has expired.", "Start again with your email and password.");
        }

        var sent = await codes.SendSignInCodeAsync(user, request.Channel, http.RequestAborted);
        return sent is SendCodeResult.Sent
            ? await SecondFactorRequiredAsync(user, users, codes, tickets, sent, time, http.RequestAborted, ticket.Expires)
            : Refusal(sent, time);
    }

    private static async Task<IResult> RefreshAsync<TUser>(RefreshRequest request, SignInManager<TUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
        where TUser : class
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Challenge();
        }

        if (BearerSessionLifetime.IsOver(signIn.Context, ticket.Principal))
        {
            return Problem(401, "The session has reached its time limit.", "Sign in again with your password and code.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var principal = await signIn.CreateUserPrincipalAsync(user);
        // The refreshed token keeps how and when the password and the code were entered: a refresh is neither a
        // re-authentication nor a new session (the absolute lifetime counts from the sign-in), and the method of the code.
        foreach (var amr in ticket.Principal.Claims.Where(c => c.Type is "amr" or IdentityTfa.Reauthentication.TwoFactorClaimTypes.SecondFactorTime or IdentityTfa.Reauthentication.TwoFactorClaimTypes.SignInTime or IdentityTfa.Reauthentication.TwoFactorClaimTypes.Method).ToList())
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(amr.Type, amr.Value));
        }

        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<IResult> IssueTokensAsync<TUser>(SignInManager<TUser> signIn, TUser user, bool mfa)
        where TUser : class
    {
        // The bearer scheme writes the access and refresh tokens as the response.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", mfa ? "mfa" : "pwd")]);
        return TypedResults.Empty;
    }

    private static async Task<IResult> SecondFactorRequiredAsync<TUser>(TUser user, UserManager<TUser> users, ITwoFactorCodeSender<TUser> codes, ChallengeTickets tickets, SendCodeResult sent, TimeProvider time, CancellationToken cancellationToken, DateTimeOffset? expires = null)
        where TUser : class
    {
        // An app cannot answer with a passkey through this API (no browser WebAuthn): only the ways with a code are listed.
        var channels = (await codes.GetSignInChannelsAsync(user, cancellationToken)).Where(c => c.Channel != DeliveryChannel.Passkey)
            .Select(c => new ChannelInfo(c.Channel, c.MaskedDestination, c.IsPreferred)).ToList();
        var ticket = tickets.Issue(await users.GetUserIdAsync(user), users.SupportsUserSecurityStamp ? await users.GetSecurityStampAsync(user) : null, expires);
        var detail = sent is SendCodeResult.Sent { Channel: DeliveryChannel.Authenticator }
            ? "Enter the code from the authenticator app."
            : sent is SendCodeResult.Sent s
            ? $"A code was sent by {s.Channel} to {s.MaskedDestination}.{(s.FailoverNotice is null ? "" : " " + s.FailoverNotice)}"
            : CodeRefusal(sent, time);
        return Problem(401, "A second factor is required.", detail,
            ("challengeId", ticket),
            ("channels", channels),
            ("sentTo", sent is SendCodeResult.Sent sentTo && sentTo.Channel != DeliveryChannel.Authenticator ? sentTo.MaskedDestination : null),
            // The channel the code is awaited from: the same "code" field takes a text's code or the authenticator app's.
            ("channel", sent is SendCodeResult.Sent by ? by.Channel : null));
    }

    private static IResult Refusal(SendCodeResult sent, TimeProvider time) => sent switch
    {
        SendCodeResult.TooSoon tooSoon => Problem(429, "A code was sent moments ago.", CodeRefusal(sent, time), ("retryAfterSeconds", (int)Math.Ceiling(tooSoon.RetryAfter.TotalSeconds))),
        SendCodeResult.LockedOut locked => Locked(locked.Until),
        _ => Problem(400, "The code could not be sent.", CodeRefusal(sent, time)),
    };

    private static string CodeRefusal(SendCodeResult sent, TimeProvider time) => sent switch
    {
        SendCodeResult.TooSoon tooSoon => $"Ask again in {Math.Ceiling(tooSoon.RetryAfter.TotalSeconds)} seconds.",
        SendCodeResult.LockedOut locked => $"The account is locked until {locked.Until:u}.",
        SendCodeResult.DeliveryFailed failed => failed.Message,
        SendCodeResult.Refused refused => refused.Message,
        SendCodeResult.ChannelUnavailable => "That channel is not available for this account.",
        _ => string.Empty,
    };

    private static IResult InvalidCredentials() => Problem(401, "Invalid email or password.", null);

    private static IResult Locked(DateTimeOffset? until) =>
        Problem(423, "The account is locked.", until is null ? "Try again later." : $"Try again after {until:u}.", ("lockedUntil", until));

    internal static IResult Problem(int status, string title, string? detail, params (string Key, object? Value)[] extensions) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions.ToDictionary(e => e.Key, e => e.Value));
}
