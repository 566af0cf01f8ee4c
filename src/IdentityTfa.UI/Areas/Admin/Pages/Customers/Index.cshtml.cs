using IdentityTfa.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.UI.Areas.Admin.Pages.Customers;

/// <summary>Customers with search and paging; every query is a range on an indexed column, so it stays fast with many accounts.</summary>
internal sealed class IndexModel(IdentityTfa.Data.TfaDbContextAccessor database, TimeProvider time, Microsoft.Extensions.Options.IOptionsMonitor<IdentityTfa.Configuration.IdentityTfaOptions> options) : PageModel
{
    private DbContext db => database.Context;

    public const int PageSize = 25;

    public sealed record Row(string Id, string Email, bool TwoFactorOn, string Methods, DateTime? LastSignIn, bool LockedOut);

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var query = db.Set<IdentityUser>().AsNoTracking();
        var countryCode = PhoneNumbers.PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(options.CurrentValue.DefaultPhoneRegion);
        var term = Search?.Trim() ?? string.Empty;
        if (term.Length > 100)
        {
            term = term[..100];
        }

        if (term.Length > 0)
        {
            query = CustomerSearch.Apply(query, term, countryCode);
        }

        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var users = await query.OrderBy(u => u.NormalizedEmail).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.TwoFactorEnabled, u.LockoutEnd }).ToListAsync();
        var ids = users.Select(u => u.Id).ToList();
        var methods = await db.Set<TwoFactorMethod>().AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync();
        var lastSignIns = await db.Set<AuditEvent>().AsNoTracking()
            .Where(a => ids.Contains(a.UserId!) && a.Type == IdentityTfa.Audit.AuditEventTypes.SignedIn)
            .GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, At = g.Max(a => a.At) }).ToListAsync();
        var now = time.GetUtcNow();
        Rows = users.Select(u => new Row(
            u.Id,
            u.Email ?? string.Empty,
            u.TwoFactorEnabled,
            string.Join(", ", methods.Where(m => m.UserId == u.Id).OrderBy(m => m.Channel).Select(m => m.Channel.ToString())),
            lastSignIns.FirstOrDefault(l => l.UserId == u.Id)?.At,
            u.LockoutEnd > now)).ToList();
    }
}
