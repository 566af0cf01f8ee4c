namespace IdentityTfa.Health;

/// <summary>How <c>/health/ready</c> answers, bound from the <c>IdentityTfa:Health</c> configuration section.</summary>
public class ReadyEndpointOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "IdentityTfa:Health";

    /// <summary>
    /// How long one run of the checks answers every caller, so that a flood of requests cannot make the app flood the
    /// database, SMTP server and Twilio. Default 30 seconds; zero runs the checks on every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An authorization policy whose callers see each check's details; callers from a loopback address always do.
    /// Others get the overall status alone. Default none.
    /// </summary>
    public string? DetailsPolicy { get; set; }
}
