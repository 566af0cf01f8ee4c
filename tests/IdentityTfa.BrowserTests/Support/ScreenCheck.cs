using System.Runtime.CompilerServices;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IdentityTfa.BrowserTests.Support;

/// <summary>
/// What every screen of every journey must pass, at the journey's 1280 px and on a 390 px phone: axe-core's WCAG 2.2
/// A and AA rules, no console error or failed asset request, no sideways scroll and no button smaller than a
/// standard one on the phone. Each screen is
/// photographed at both widths under TestResults/browser. Problems are gathered rather than thrown at once, so one
/// run shows every broken screen of a journey; the journey fails at its end with all of them.
/// </summary>
public sealed class ScreenCheck
{
    public const int DesktopWidth = 1280;
    public const int PhoneWidth = 390;
    public const int Height = 900;

    /// <summary>Bootstrap's standard button, 38 px tall: on a phone no button is smaller.</summary>
    public const int MinimumButtonHeight = 38;

    private static readonly ConditionalWeakTable<IPage, ScreenCheck> Checks = [];

    // axe's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA; 2.2 adds only AA rules to axe.
    private static readonly AxeRunOptions AxeOptions = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private readonly IPage _page;
    private readonly Uri _origin;
    private readonly JourneyRecord _journey;
    private readonly List<string> _browserErrors = [];

    private ScreenCheck(IPage page, Uri origin, JourneyRecord journey)
    {
        _page = page;
        _origin = origin;
        _journey = journey;
    }

    /// <summary>Starts listening to a page's console and requests, so a check can report what went wrong since the last one.</summary>
    public static void Watch(IPage page, Uri origin, JourneyRecord journey)
    {
        var check = new ScreenCheck(page, origin, journey);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                check.Note($"console error: {FirstSentence(message.Text)} ({message.Location}, on {page.Url})");
            }
        };
        page.PageError += (_, error) => check.Note($"uncaught script error: {FirstLines(error)} (on {page.Url})");
        page.RequestFailed += (_, request) => check.Note($"request failed: {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            // A missing page is sometimes what a journey means to show; a missing asset (a favicon, a script) never is.
            if (response.Status >= 400 && check.IsOwnAsset(response.Request))
            {
                check.Note($"{response.Status} for {response.Request.ResourceType} {response.Url}");
            }
        };
        Checks.Add(page, check);
    }

    public static ScreenCheck For(IPage page) =>
        Checks.TryGetValue(page, out var check) ? check : throw new InvalidOperationException("This page was not opened through JourneyTest.NewBrowserAsync, so nothing watches it.");

    /// <summary>Checks the screen the page shows now, at both widths, and leaves the page at the journey's width.</summary>
    public async Task RunAsync(string screen)
    {
        if (!_journey.FirstVisit(screen))
        {
            return;
        }

        await _page.WaitForLoadStateAsync(LoadState.Load);
        var problems = new List<string>();
        foreach (var width in new[] { DesktopWidth, PhoneWidth })
        {
            await _page.SetViewportSizeAsync(width, Height);
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = _journey.ScreenshotPath(screen, width), FullPage = true });
            problems.AddRange(await AxeViolationsAsync(width));
            if (width == PhoneWidth)
            {
                var widths = await _page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                if (widths[0] > widths[1])
                {
                    problems.Add($"[{width}] scrolls sideways: the page is {widths[0]} px wide in a {widths[1]} px window");
                }

                problems.AddRange(await SmallButtonsAsync(width));
            }
        }

        await _page.SetViewportSizeAsync(DesktopWidth, Height);
        lock (_browserErrors)
        {
            problems.AddRange(_browserErrors.Distinct());
            _browserErrors.Clear();
        }

        _journey.Record(screen, _page.Url, problems);
    }

    private async Task<IEnumerable<string>> AxeViolationsAsync(int width)
    {
        var result = await _page.RunAxe(AxeOptions);
        return result.Violations.SelectMany(violation => violation.Nodes.Select(node =>
            $"[{width}] axe {violation.Id} ({violation.Impact}): {violation.Help} at {node.Target}"));
    }

    /// <summary>Buttons a thumb can miss on the phone: any shown smaller than the site's standard button.</summary>
    private async Task<IEnumerable<string>> SmallButtonsAsync(int width)
    {
        var small = await _page.EvaluateAsync<string[]>(
            """
            (least) => [...document.querySelectorAll('.btn')]
                .map(b => [b, b.getBoundingClientRect()])
                .filter(([b, box]) => box.width > 0 && box.height > 0 && box.height < least - 0.5 && getComputedStyle(b).visibility !== 'hidden')
                .map(([b, box]) => `"${b.textContent.trim()}" (${Math.round(box.height)} px)`)
            """,
            MinimumButtonHeight);
        return small.Select(button => $"[{width}] button {button} is shorter than {MinimumButtonHeight} px: a thumb can miss it");
    }

    private bool IsOwnAsset(IRequest request) =>
        request.ResourceType != "document"
        && Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
        && url.Authority == _origin.Authority;

    // Chromium's CSP messages run to six sentences; the first says what was blocked.
    private static string FirstSentence(string text) => text.Split(". ", 2)[0];

    // The message and where it was thrown; the rest of the stack adds nothing to a report.
    private static string FirstLines(string error) => string.Join(" ", error.Split('\n', StringSplitOptions.TrimEntries).Take(2));

    private void Note(string problem)
    {
        lock (_browserErrors)
        {
            _browserErrors.Add(problem);
        }
    }
}

/// <summary>Checks the screen the page shows now; see <see cref="ScreenCheck"/>.</summary>
public static class ScreenCheckExtensions
{
    public static Task CheckScreenAsync(this IPage page, string screen) => ScreenCheck.For(page).RunAsync(screen);
}
