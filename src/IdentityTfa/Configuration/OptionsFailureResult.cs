using Microsoft.Extensions.Options;

namespace IdentityTfa.Configuration;

/// <summary>
/// A failed validation that keeps its failures' structure, so that a page can word them in the reader's language,
/// while callers that know only <see cref="ValidateOptionsResult"/> read the English messages as before.
/// </summary>
internal sealed class OptionsFailureResult : ValidateOptionsResult
{
    public OptionsFailureResult(IReadOnlyList<OptionsFailure> failures)
    {
        Details = failures;
        Failed = true;
        Failures = failures.Select(f => f.Message).ToList();
        FailureMessage = string.Join("; ", Failures);
    }

    /// <summary>The failures with their keys, rules and arguments.</summary>
    public IReadOnlyList<OptionsFailure> Details { get; }
}
