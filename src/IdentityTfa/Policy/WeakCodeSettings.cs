using IdentityTfa.Codes;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Policy;

/// <summary>What makes a code setting weaker than recommended.</summary>
internal enum WeakCodeSettingKind
{
    /// <summary>Shorter than <see cref="WeakCodeSettings.ShortestLength"/>: fewer codes to guess from.</summary>
    Short,

    /// <summary>Lasting longer than <see cref="WeakCodeSettings.LongestLifetime"/>: longer to guess or steal one.</summary>
    LongLived,

    /// <summary>More attempts than <see cref="WeakCodeSettings.MostAttempts"/>: more guesses per code.</summary>
    ManyAttempts,
}

/// <summary>One setting of one purpose's codes weaker than recommended; <paramref name="Purpose"/> is named as in <see cref="CodePolicies"/>.</summary>
internal sealed record WeakCodeSetting(string Purpose, WeakCodeSettingKind Kind);

/// <summary>
/// The guard rails of the admin's code policy: settings an admin may choose only with an explicit acknowledgement of
/// the risk, and which stay shown as a warning while in force (NIST SP 800-63B-4 sec. 5.1.3: at least 6 digits; a
/// short lifetime and a limit on guesses).
/// </summary>
internal static class WeakCodeSettings
{
    public const int ShortestLength = 6;

    public const int MostAttempts = 10;

    public static readonly TimeSpan LongestLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Every setting of <paramref name="policies"/> weaker than recommended, purpose by purpose.</summary>
    public static IReadOnlyList<WeakCodeSetting> Of(CodePolicies policies)
    {
        var weak = new List<WeakCodeSetting>();
        foreach (var (purpose, policy) in new[] { ("SignIn", policies.SignIn), ("PhoneVerification", policies.PhoneVerification), ("EmailVerification", policies.EmailVerification) })
        {
            if (policy.Length < ShortestLength)
            {
                weak.Add(new(purpose, WeakCodeSettingKind.Short));
            }

            if (policy.Lifetime > LongestLifetime)
            {
                weak.Add(new(purpose, WeakCodeSettingKind.LongLived));
            }

            if (policy.MaxAttempts > MostAttempts)
            {
                weak.Add(new(purpose, WeakCodeSettingKind.ManyAttempts));
            }
        }

        return weak;
    }
}

/// <summary>A policy change refused because it holds settings weaker than recommended without the admin's acknowledgement.</summary>
internal sealed class WeakCodeSettingsResult : ValidateOptionsResult
{
    public WeakCodeSettingsResult(IReadOnlyList<WeakCodeSetting> settings)
    {
        Settings = settings;
        Failed = true;
        Failures = settings.Select(s => $"IdentityTfa:Policies:{s.Purpose}: {s.Kind} needs the acknowledgement of the risk.").ToList();
        FailureMessage = string.Join("; ", Failures);
    }

    /// <summary>The settings weaker than recommended.</summary>
    public IReadOnlyList<WeakCodeSetting> Settings { get; }
}
