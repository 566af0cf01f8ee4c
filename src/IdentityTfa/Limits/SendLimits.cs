using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using Microsoft.AspNetCore.Http;
using PhoneNumbers;

namespace IdentityTfa.Limits;

/// <summary>
/// The bounds on sending: countries texts and calls may go to, and sends per destination, per country, per IP address
/// and per purpose (site-wide). Checked in the transaction that issues the code, which is rolled back when one refuses,
/// so that a refused send takes no slot of any limit.
/// </summary>
internal sealed class SendLimits(RateLimiter limiter, IHttpContextAccessor http)
{
    /// <summary>Why the send is refused, in plain words, or null when it may go; the reason for metrics and audit comes with it.</summary>
    public async Task<(string Message, string Reason)?> CheckAsync(
        ChallengePurpose purpose, CodePolicyOptions policy, TwoFactorOptions tfa, DeliveryChannel channel, string destination, CancellationToken cancellationToken)
    {
        string? country = null;
        if (channel is DeliveryChannel.Sms or DeliveryChannel.Voice)
        {
            country = RegionOf(destination);
            var allowed = (string.IsNullOrWhiteSpace(policy.AllowedCountries) ? tfa.DefaultPhoneRegion : policy.AllowedCountries)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (country is null || !allowed.Contains(country, StringComparer.OrdinalIgnoreCase))
            {
                return ("We cannot send codes to phone numbers in this country. Use another number or your email.", "country");
            }
        }

        var destinationKey = destination.ToUpperInvariant();
        if (!await TakeAsync($"send-destination:{purpose}:{destinationKey}", policy.SendsPerDestination, cancellationToken))
        {
            return ("Too many codes were sent to this destination. Try again later, or use another way.", "destination");
        }

        if (country is not null && !await TakeAsync($"send-country:{purpose}:{country}", policy.SendsPerCountry, cancellationToken))
        {
            return ("We cannot send more codes to this country right now. Please try again later or use your email.", "country-cap");
        }

        if (http.HttpContext?.Connection.RemoteIpAddress is { } ip && !await TakeAsync($"send-ip:{ip}", tfa.SendsPerIp, cancellationToken))
        {
            return ("Too many codes were asked for from this network. Please try again later.", "ip");
        }

        // The site-wide counter last: every send takes it, and on PostgreSQL its row stays locked until the commit.
        if (!await TakeAsync($"send-policy:{purpose}", policy.SendsPerPolicy, cancellationToken))
        {
            return ("We cannot send more codes right now. Please try again later.", "policy");
        }

        return null;
    }

    private Task<bool> TakeAsync(string subject, string limit, CancellationToken cancellationToken) =>
        RateLimit.Parse(limit) is { } parsed ? limiter.TryTakeAsync(subject, parsed, cancellationToken) : Task.FromResult(true);

    private static string? RegionOf(string e164)
    {
        try
        {
            var util = PhoneNumberUtil.GetInstance();
            return util.GetRegionCodeForNumber(util.Parse(e164, null));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
