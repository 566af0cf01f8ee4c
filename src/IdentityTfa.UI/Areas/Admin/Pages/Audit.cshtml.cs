namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The audit log, filtered by account, event type and time, in pages and as CSV.</summary>
[TwoFactorDefaultUI(typeof(AuditModel<>))]
public abstract class AuditModel : PageModel
{
    /// <summary>Events on one page.</summary>
    public const int PageSize = 50;

    /// <summary>The account's email or id, to see only its events.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    /// <summary>One of <see cref="IdentityTfa.Audit.AuditEventTypes"/>, to see only those events.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    /// <summary>The earliest time (UTC).</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    /// <summary>The latest time (UTC).</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    /// <summary>The page asked for, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The events on this page, newest first.</summary>
    internal IReadOnlyList<AuditRecord> Events { get; private protected set; } = [];

    /// <summary>Whether older events follow.</summary>
    public bool HasNextPage { get; protected set; }

    /// <summary>The filter as the form holds it.</summary>
    private protected AuditFilter Filter => new(Account, Type, From, To);

    /// <summary>Shows a page of events.</summary>
    public virtual Task OnGetAsync() => throw new NotImplementedException();

    /// <summary>Downloads the filtered events as CSV.</summary>
    public virtual Task<IActionResult> OnGetCsvAsync() => throw new NotImplementedException();
}

internal sealed class AuditModel<TUser>(IAuditLogReader<TUser> log) : AuditModel
    where TUser : class
{
    public override async Task OnGetAsync()
    {
        var page = await log.ReadAsync(Filter, PageNumber, PageSize, HttpContext.RequestAborted);
        Events = page.Events;
        PageNumber = page.PageNumber;
        HasNextPage = page.HasNextPage;
    }

    public override async Task<IActionResult> OnGetCsvAsync() =>
        File(await log.ExportCsvAsync(Filter, HttpContext.RequestAborted), "text/csv; charset=utf-8", "audit.csv");
}
