using IdentityTfa.Delivery;

namespace IdentityTfa.Sending;

/// <summary>What became of a request to send a code. These are answers for the user, not errors.</summary>
internal abstract record SendCodeResult
{
    private SendCodeResult()
    {
    }

    /// <summary>
    /// The code went out by <paramref name="Channel"/>; <paramref name="AlsoSentTo"/> lists further masked destinations
    /// when it went to every channel, and <paramref name="FailoverNotice"/> says why it went by email when the chosen way failed.
    /// </summary>
    public sealed record Sent(DeliveryChannel Channel, string MaskedDestination, DateTimeOffset ExpiresAt, IReadOnlyList<string> AlsoSentTo, string? FailoverNotice = null) : SendCodeResult
    {
        /// <summary>
        /// Why the code went by email, for a UI to word <see cref="FailoverNotice"/> in the user's language: one of
        /// <see cref="IdentityTfa.Sending.FailoverReasons"/>; null when it went the way asked.
        /// </summary>
        public string? FailoverReason { get; init; }
    }

    /// <summary>A code was sent moments ago; another may be asked for after <paramref name="RetryAfter"/>.</summary>
    public sealed record TooSoon(TimeSpan RetryAfter) : SendCodeResult;

    /// <summary>The account is locked out; no code is sent until <paramref name="Until"/>.</summary>
    public sealed record LockedOut(DateTimeOffset Until) : SendCodeResult;

    /// <summary>The user has not turned on this channel, or has no confirmed destination for it.</summary>
    public sealed record ChannelUnavailable : SendCodeResult;

    /// <summary>A limit refused the send (a country not served, too many sends); <paramref name="Message"/> says so plainly.</summary>
    public sealed record Refused(string Message) : SendCodeResult
    {
        /// <summary>
        /// Which limit refused, for a UI to word it in the user's language: <c>country</c> (not served),
        /// <c>destination</c>, <c>country-cap</c>, <c>ip</c> or <c>policy</c> (too many sends); <c>limit</c> when not known.
        /// </summary>
        public string Reason { get; init; } = "limit";
    }

    /// <summary>The provider could not take the message; <paramref name="Message"/> says why in plain words.</summary>
    public sealed record DeliveryFailed(string Message) : SendCodeResult
    {
        /// <summary>
        /// Why, for a UI to word it in the user's language: <c>no-provider</c> (none is configured for the channel) or
        /// <c>provider</c> (every provider refused; <see cref="Message"/> is the provider's answer in English).
        /// </summary>
        public string Reason { get; init; } = "provider";
    }
}
