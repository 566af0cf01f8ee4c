using System.ComponentModel.DataAnnotations;
using IdentityTfa.Delivery;

namespace IdentityTfa.Api;

/// <summary>The body of <c>POST /token</c>: email and password, then the code (with the password again, or with the challenge id).</summary>
internal sealed record TokenRequest(
    [property: MaxLength(256)] string? Email,
    [property: MaxLength(256)] string? Password,
    [property: MaxLength(32)] string? Code,
    [property: MaxLength(1024)] string? ChallengeId);

/// <summary>The body of <c>POST /code</c>: send the code again, or by another channel.</summary>
internal sealed record CodeRequest([property: MaxLength(1024)] string ChallengeId, DeliveryChannel? Channel);

/// <summary>The body of <c>POST /refresh</c>.</summary>
internal sealed record RefreshRequest([property: MaxLength(8192)] string RefreshToken);

/// <summary>A channel offered at the second step.</summary>
internal sealed record ChannelInfo(DeliveryChannel Channel, string Destination, bool Preferred);

/// <summary>The body of the phone verification requests.</summary>
internal sealed record PhoneRequest([property: MaxLength(64)] string Phone, [property: MaxLength(32)] string? Code, DeliveryChannel? Channel);

/// <summary>The body of the email verification requests.</summary>
internal sealed record EmailRequest([property: MaxLength(256)] string? Email, [property: MaxLength(32)] string? Code);

/// <summary>The body of <c>POST /2fa/disable</c>.</summary>
internal sealed record PasswordRequest([property: MaxLength(256)] string Password);

/// <summary>The body of <c>POST /register/code</c> and <c>POST /register</c>.</summary>
internal sealed record RegisterRequest(
    [property: MaxLength(256)] string? Email,
    [property: MaxLength(256)] string? Password,
    [property: MaxLength(64)] string Phone,
    [property: MaxLength(32)] string? Code);
