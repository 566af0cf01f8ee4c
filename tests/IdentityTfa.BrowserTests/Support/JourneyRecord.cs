using System.Text;
using IdentityTfa.IntegrationTests.Support;

namespace IdentityTfa.BrowserTests.Support;

/// <summary>
/// The evidence of one journey under TestResults/browser: a screenshot of every screen at every width, and the
/// problems the screen checks found, written to {journey}-problems.txt and thrown when the journey ends.
/// </summary>
public sealed class JourneyRecord
{
    private readonly List<(string Screen, string Url, IReadOnlyList<string> Problems)> _screens = [];
    private readonly HashSet<string> _visited = [];

    public static string Folder { get; } = Path.Combine(RepositoryFiles.Root, "TestResults", "browser");

    public string Name { get; set; } = "journey";

    public string ScreenshotPath(string screen, int width)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Name}-{screen}-{width}.png");
    }

    /// <summary>True the first time a journey reaches a screen: a screen passed again is not checked again.</summary>
    public bool FirstVisit(string screen)
    {
        lock (_screens)
        {
            return _visited.Add(screen);
        }
    }

    public void Record(string screen, string url, IReadOnlyList<string> problems)
    {
        lock (_screens)
        {
            _screens.Add((screen, url, problems));
        }
    }

    /// <summary>Fails the journey with every problem of every screen, one line each, grouped by screen.</summary>
    public async Task ThrowIfAnyProblemAsync()
    {
        var (failing, report) = await WriteReportAsync();
        if (failing > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"{failing} of {_screens.Count} screens fail the screen check (axe WCAG 2.2 A/AA, console, requests, 390 px width):{Environment.NewLine}{report}");
        }
    }

    /// <summary>Writes {journey}-problems.txt, also when a journey stops early, so no screen's problems are lost.</summary>
    public async Task<(int Failing, string Report)> WriteReportAsync()
    {
        var failing = _screens.Where(s => s.Problems.Count > 0).ToList();
        var report = new StringBuilder();
        foreach (var (screen, url, problems) in failing)
        {
            report.AppendLine($"{screen} ({url}):");
            foreach (var problem in problems)
            {
                report.AppendLine($"  - {problem}");
            }
        }

        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(Path.Combine(Folder, $"{Name}-problems.txt"), report.ToString());
        return (failing.Count, report.ToString());
    }
}
