using System.Globalization;
using System.Text;
using IdentityTfa.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The audit log, filtered by account, event type and time, in pages and as CSV.</summary>
internal sealed class AuditModel(IdentityTfa.Data.TfaDbContextAccessor database) : PageModel
{
    private Microsoft.EntityFrameworkCore.DbContext db => database.Context;

    public const int PageSize = 50;
    private const int MaxExportRows = 100_000;

    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Emails { get; private set; } = new Dictionary<string, string>();

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        var page = await (await FilterAsync()).OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasNextPage = page.Count > PageSize;
        Events = page.Take(PageSize).ToList();
        Emails = await EmailsOfAsync(Events);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var rows = await (await FilterAsync()).OrderBy(a => a.Id).Take(MaxExportRows).ToListAsync();
        var emails = await EmailsOfAsync(rows);
        var csv = new StringBuilder("time,type,account,actor,ip,user_agent,channel,purpose,destination,provider,provider_message_id,detail,old_value,new_value\r\n");
        foreach (var a in rows)
        {
            csv.AppendJoin(',', new[]
            {
                a.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), a.Type, EmailOf(emails, a.UserId), EmailOf(emails, a.ActorId),
                a.IpAddress, a.UserAgent, a.Channel, a.Purpose, a.MaskedDestination, a.Provider, a.ProviderMessageId, a.Detail, a.OldValue, a.NewValue,
            }.Select(Csv)).Append("\r\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit.csv");
    }

    public string EmailOf(string? userId) => EmailOf(Emails, userId);

    private static string EmailOf(IReadOnlyDictionary<string, string> emails, string? userId) =>
        userId is null ? string.Empty : emails.TryGetValue(userId, out var email) ? email : userId;

    private async Task<IQueryable<AuditEvent>> FilterAsync()
    {
        var query = db.Set<AuditEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Account))
        {
            var normalized = Account.Trim().ToUpperInvariant();
            var ids = await db.Set<IdentityUser>().Where(u => u.NormalizedEmail == normalized || u.Id == Account.Trim()).Select(u => u.Id).ToListAsync();
            query = query.Where(a => ids.Contains(a.UserId!) || ids.Contains(a.ActorId!));
        }

        if (!string.IsNullOrWhiteSpace(Type))
        {
            query = query.Where(a => a.Type == Type);
        }

        if (From is { } from)
        {
            var start = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            query = query.Where(a => a.At <= end);
        }

        return query;
    }

    private async Task<IReadOnlyDictionary<string, string>> EmailsOfAsync(IEnumerable<AuditEvent> events)
    {
        var ids = events.SelectMany(e => new[] { e.UserId, e.ActorId }).OfType<string>().Distinct().ToList();
        return await db.Set<IdentityUser>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id);
    }

    /// <summary>Quotes a CSV field, and defuses values a spreadsheet would run as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
