using IdentityTfa.Delivery;

namespace IdentityTfa.Api;

/// <summary>The body of <c>POST /token</c>: email and password, then the code (with the password again, or with the challenge id).</summary>
public sealed record TokenRequest(string? Email, string? Password, string? Code, string? ChallengeId);

/// <summary>The body of <c>POST /code</c>: send the code again, or by another channel.</summary>
public sealed record CodeRequest(string ChallengeId, DeliveryChannel? Channel);

/// <summary>The body of <c>POST /refresh</c>.</summary>
public sealed record RefreshRequest(string RefreshToken);

/// <summary>A channel offered at the second step.</summary>
public sealed record ChannelInfo(DeliveryChannel Channel, string Destination, bool Preferred);

/// <summary>The body of the phone verification requests.</summary>
public sealed record PhoneRequest(string Phone, string? Code, DeliveryChannel? Channel);

/// <summary>The body of the email verification requests.</summary>
public sealed record EmailRequest(string? Email, string? Code);

/// <summary>The body of <c>POST /2fa/disable</c>.</summary>
public sealed record PasswordRequest(string Password);

/// <summary>The body of <c>POST /register/code</c> and <c>POST /register</c>.</summary>
public sealed record RegisterRequest(string? Email, string? Password, string Phone, string? Code);
