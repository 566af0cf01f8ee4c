using IdentityTfa.Challenges;
using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Methods;
using IdentityTfa.Notices;
using IdentityTfa.Phones;
using IdentityTfa.Policy;
using IdentityTfa.Registration;
using IdentityTfa.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace IdentityTfa.Api;

/// <summary>Enrolment for client apps: the same steps, policies, limits and audit as the account pages.</summary>
internal static class TokenApiEnrolment
{
    public static void Map<TUser>(RouteGroupBuilder group)
        where TUser : class
    {
        // Binding a phone or email, or turning two-factor sign-in off, needs a recent second factor (see RecentAuthentication).
        var signedIn = group.MapGroup(string.Empty)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

        signedIn.MapPost("/phone/code", SendPhoneCodeAsync<TUser>).RequireRecentAuthentication().WithSummary("Send a code to a new phone");
        signedIn.MapPost("/phone", ConfirmPhoneAsync<TUser>).RequireRecentAuthentication().WithSummary("Verify the phone with its code; its method turns on");
        signedIn.MapPost("/email/code", SendEmailCodeAsync<TUser>).RequireRecentAuthentication().WithSummary("Send a code to the account's (or a new) email");
        signedIn.MapPost("/email", ConfirmEmailAsync<TUser>).RequireRecentAuthentication().WithSummary("Verify the email with its code; email codes turn on");
        signedIn.MapPost("/2fa/disable", DisableAsync<TUser>).RequireRecentAuthentication().WithSummary("Turn two-factor sign-in off (needs the password)");
        signedIn.MapGet("/devices", ListDevicesAsync<TUser>).WithSummary("Trusted devices");
        signedIn.MapDelete("/devices/{id:guid}", RevokeDeviceAsync<TUser>).WithSummary("Revoke a trusted device");

        group.MapPost("/register/code", SendRegistrationCodeAsync).DisableAntiforgery().WithSummary("Send a code to the phone of a new account");
        group.MapPost("/register", RegisterAsync<TUser>).DisableAntiforgery().WithSummary("Create the account with the phone's code; two-factor sign-in is on");
    }

    private static async Task<IResult> SendPhoneCodeAsync<TUser>(PhoneRequest request, HttpContext http, UserManager<TUser> users, ITwoFactorCodeSender<TUser> codes, IPhoneNumberParser phones, ISitePolicyStore policies, TimeProvider time)
        where TUser : class
    {
        var user = await users.GetUserAsync(http.User);
        var parsed = phones.Parse(request.Phone);
        if (user is null || !parsed.IsValid)
        {
            return TokenApiEndpoints.Problem(400, "The phone number cannot be used.", parsed.Error);
        }

        var channel = parsed.CanReceiveText && request.Channel != DeliveryChannel.Voice ? DeliveryChannel.Sms : DeliveryChannel.Voice;
        if (!await SiteMethods.IsAllowedAsync(users, user, channel, policies, http.RequestAborted))
        {
            return NotAllowed(channel);
        }

        return SendResult(await codes.SendPhoneVerificationCodeAsync(user, parsed.E164!, channel, http.RequestAborted), parsed.E164!);
    }

    private static async Task<IResult> ConfirmPhoneAsync<TUser>(PhoneRequest request, HttpContext http, UserManager<TUser> users, ITwoFactorMethodManager<TUser> methods, IPhoneNumberParser phones, ISitePolicyStore policies)
        where TUser : class
    {
        var user = await users.GetUserAsync(http.User);
        var parsed = phones.Parse(request.Phone);
        if (user is null || !parsed.IsValid || string.IsNullOrEmpty(request.Code))
        {
            return TokenApiEndpoints.Problem(400, "A valid phone number and its code are required.", parsed.Error);
        }

        var channel = parsed.CanReceiveText && request.Channel != DeliveryChannel.Voice ? DeliveryChannel.Sms : DeliveryChannel.Voice;
        if (!await SiteMethods.IsAllowedAsync(users, user, channel, policies, http.RequestAborted))
        {
            return NotAllowed(channel);
        }

        return VerifyResultOf(await methods.ConfirmPhoneAsync(user, parsed.E164!, request.Code, channel, http.RequestAborted));
    }

    private static async Task<IResult> SendEmailCodeAsync<TUser>(EmailRequest request, HttpContext http, UserManager<TUser> users, ITwoFactorCodeSender<TUser> codes, ISitePolicyStore policies)
        where TUser : class
    {
        var user = await users.GetUserAsync(http.User);
        var email = request.Email?.Trim() ?? (user is null ? null : await users.GetEmailAsync(user));
        if (user is null || string.IsNullOrEmpty(email) || email.Length > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            return TokenApiEndpoints.Problem(400, "A valid email address is required.", null);
        }

        if (!await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Email, policies, http.RequestAborted))
        {
            return NotAllowed(DeliveryChannel.Email);
        }

        return SendResult(await codes.SendEmailVerificationCodeAsync(user, email, http.RequestAborted), email);
    }

    private static async Task<IResult> ConfirmEmailAsync<TUser>(EmailRequest request, HttpContext http, UserManager<TUser> users, ITwoFactorMethodManager<TUser> methods, ISitePolicyStore policies)
        where TUser : class
    {
        var user = await users.GetUserAsync(http.User);
        var email = request.Email?.Trim() ?? (user is null ? null : await users.GetEmailAsync(user));
        if (user is null || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(request.Code))
        {
            return TokenApiEndpoints.Problem(400, "The email address and its code are required.", null);
        }

        if (!await SiteMethods.IsAllowedAsync(users, user, DeliveryChannel.Email, policies, http.RequestAborted))
        {
            return NotAllowed(DeliveryChannel.Email);
        }

        return VerifyResultOf(await methods.ConfirmEmailAsync(user, email, request.Code, http.RequestAborted));
    }

    private static async Task<IResult> DisableAsync<TUser>(PasswordRequest request, HttpContext http, UserManager<TUser> users, ITwoFactorMethodManager<TUser> methods)
        where TUser : class
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null || string.IsNullOrEmpty(request.Password) || !await users.CheckPasswordAsync(user, request.Password))
        {
            return TokenApiEndpoints.Problem(403, "The password is not right.", null);
        }

        await methods.DisableAsync(user, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListDevicesAsync<TUser>(HttpContext http, UserManager<TUser> users, ITrustedDeviceManager<TUser> devices)
        where TUser : class =>
        await users.GetUserAsync(http.User) is { } user ? TypedResults.Ok(await devices.ListAsync(user, http.RequestAborted)) : TypedResults.Unauthorized();

    private static async Task<IResult> RevokeDeviceAsync<TUser>(Guid id, HttpContext http, UserManager<TUser> users, ITrustedDeviceManager<TUser> devices)
        where TUser : class =>
        await users.GetUserAsync(http.User) is { } user && await devices.RevokeAsync(user, id, http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    private static async Task<IResult> SendRegistrationCodeAsync(RegisterRequest request, HttpContext http, IRegistrationCodeService registration, IPhoneNumberParser phones, ISitePolicyStore policies)
    {
        // A new account is a customer's: it registers with a phone only where customers may use text messages.
        if (!(await policies.GetAsync(http.RequestAborted)).CustomerMethods.Contains(DeliveryChannel.Sms))
        {
            return NotAllowed(DeliveryChannel.Sms);
        }

        var parsed = phones.Parse(request.Phone);
        if (!parsed.CanReceiveText)
        {
            return TokenApiEndpoints.Problem(400, "The phone number cannot receive text messages.", parsed.Error);
        }

        return SendResult(await registration.SendAsync(parsed.E164!, http.RequestAborted), parsed.E164!);
    }

    private static async Task<IResult> RegisterAsync<TUser>(RegisterRequest request, HttpContext http, UserManager<TUser> users, IRegistrationCodeService registration, ITwoFactorMethodManager<TUser> methods, IPhoneNumberParser phones, TakenEmailNotice notice, ISitePolicyStore policies)
        where TUser : class
    {
        if (!(await policies.GetAsync(http.RequestAborted)).CustomerMethods.Contains(DeliveryChannel.Sms))
        {
            return NotAllowed(DeliveryChannel.Sms);
        }

        var parsed = phones.Parse(request.Phone);
        if (!parsed.CanReceiveText || string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || string.IsNullOrEmpty(request.Code))
        {
            return TokenApiEndpoints.Problem(400, "Email, password, phone and code are required.", parsed.Error);
        }

        var email = request.Email.Trim();
        var user = Activator.CreateInstance<TUser>();
        await users.SetUserNameAsync(user, email);
        await users.SetEmailAsync(user, email);
        // A taken email is not an error the caller may see: the answer is a new account's.
        var (errors, taken) = await TakenEmail.ValidateNewAsync(users, user, request.Password);
        if (errors.Count > 0)
        {
            return TokenApiEndpoints.Problem(400, "The account cannot be created.", string.Join(" ", errors.Select(e => e.Description)));
        }

        var verified = await registration.VerifyAsync(parsed.E164!, request.Code, http.RequestAborted);
        if (verified is not VerifyResult.Verified)
        {
            return VerifyProblem(verified);
        }

        if (taken)
        {
            TakenEmail.SpendLikeCreating(users, user, request.Password);
            await notice.SendAsync(email, http.Request, http.RequestAborted);
            return Registered(email, RecoveryCodes.RecoveryCodeStore.NewCodes(TwoFactorMethodManager<TUser>.RecoveryCodeCount));
        }

        await users.SetPhoneNumberAsync(user, parsed.E164);
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return TokenApiEndpoints.Problem(400, "The account cannot be created.", string.Join(" ", created.Errors.Where(e => !TakenEmail.IsTaken(e)).Select(e => e.Description)));
        }

        // The code proved the phone; Identity's own change marks it confirmed.
        await users.ChangePhoneNumberAsync(user, parsed.E164!, await users.GenerateChangePhoneNumberTokenAsync(user, parsed.E164!));
        await methods.EnableConfirmedAsync(user, DeliveryChannel.Sms, http.RequestAborted);
        return Registered(email, await methods.EnsureRecoveryCodesAsync(user, http.RequestAborted));
    }

    /// <summary>A method the site policy forbids this account, answered as <c>/api/auth/code</c> answers an unavailable channel.</summary>
    private static IResult NotAllowed(DeliveryChannel channel) =>
        TokenApiEndpoints.Problem(400, "This sign-in method is not allowed.", $"The site's policy does not let this account use {channel}.", ("channel", channel));

    private static IResult Registered(string email, IReadOnlyList<string>? recoveryCodes) =>
        TypedResults.Created((string?)null, new { email, twoFactorEnabled = true, recoveryCodes });

    private static IResult SendResult(SendCodeResult sent, string destination) => sent switch
    {
        SendCodeResult.Sent s => TypedResults.Accepted((string?)null, new { sentTo = s.MaskedDestination, channel = s.Channel, expiresAt = s.ExpiresAt }),
        SendCodeResult.TooSoon tooSoon => TokenApiEndpoints.Problem(429, "A code was sent moments ago.", $"Ask again in {Math.Ceiling(tooSoon.RetryAfter.TotalSeconds)} seconds.", ("retryAfterSeconds", (int)Math.Ceiling(tooSoon.RetryAfter.TotalSeconds))),
        SendCodeResult.LockedOut locked => TokenApiEndpoints.Problem(423, "The account is locked.", $"Try again after {locked.Until:u}."),
        SendCodeResult.DeliveryFailed failed => TokenApiEndpoints.Problem(502, "The code could not be sent.", failed.Message),
        SendCodeResult.Refused refused => TokenApiEndpoints.Problem(429, "The code was not sent.", refused.Message),
        _ => TokenApiEndpoints.Problem(400, "The code could not be sent.", $"No way to reach {MaskedDestination.For(destination.Contains('@') ? DeliveryChannel.Email : DeliveryChannel.Sms, destination)}."),
    };

    private static IResult VerifyResultOf(VerifyResult result) =>
        result is VerifyResult.Verified ? TypedResults.NoContent() : VerifyProblem(result);

    private static IResult VerifyProblem(VerifyResult result) => result switch
    {
        VerifyResult.WrongCode wrong => TokenApiEndpoints.Problem(400, "The code is not right.", $"{wrong.AttemptsLeft} attempts left.", ("attemptsLeft", wrong.AttemptsLeft)),
        VerifyResult.Expired => TokenApiEndpoints.Problem(400, "The code has expired.", "Ask for a new code."),
        VerifyResult.AttemptsExhausted => TokenApiEndpoints.Problem(400, "Too many wrong codes were entered.", "Ask for a new code."),
        _ => TokenApiEndpoints.Problem(400, "There is no code waiting.", "Ask for a new code."),
    };
}
