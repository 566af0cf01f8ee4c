using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Administration;

/// <inheritdoc />
internal sealed class AuditLogReader<TUser>(TwoFactorDbContextAccessor database, UserManager<TUser> users) : IAuditLogReader<TUser>
    where TUser : class
{
    // An export is for a person with a spreadsheet; beyond this the filter is the tool.
    private const int MaxExportRows = 100_000;

    private DbContext Db => database.Context;

    public async Task<AuditPage> ReadAsync(AuditFilter filter, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        pageNumber = Math.Max(1, pageNumber);
        var rows = await (await QueryAsync(filter, cancellationToken)).OrderByDescending(a => a.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize + 1).ToListAsync(cancellationToken);
        var events = await ToRecordsAsync(rows.Take(pageSize).ToList(), cancellationToken);
        return new AuditPage(events, pageNumber, rows.Count > pageSize);
    }

    public async Task<byte[]> ExportCsvAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        var rows = await (await QueryAsync(filter, cancellationToken)).OrderByDescending(a => a.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        return AuditCsv.Write(await ToRecordsAsync(rows, cancellationToken));
    }

    private async Task<IQueryable<AuditEvent>> QueryAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = Db.Set<AuditEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Account))
        {
            var account = filter.Account.Trim();
            var normalized = users.NormalizeEmail(account);
            var ids = await Db.Set<TUser>()
                .Where(u => EF.Property<string>(u, "NormalizedEmail") == normalized || EF.Property<string>(u, "Id") == account)
                .Select(u => EF.Property<string>(u, "Id")).ToListAsync(cancellationToken);
            query = query.Where(a => ids.Contains(a.UserId!) || ids.Contains(a.ActorId!));
        }

        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            query = query.Where(a => a.Type == filter.Type);
        }

        if (filter.From is { } from)
        {
            var start = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            query = query.Where(a => a.At <= end);
        }

        return query;
    }

    private async Task<IReadOnlyList<AuditRecord>> ToRecordsAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.SelectMany(e => new[] { e.UserId, e.ActorId }).OfType<string>().Distinct().ToList();
        var emails = await Db.Set<TUser>().Where(u => ids.Contains(EF.Property<string>(u, "Id")))
            .Select(u => new { Id = EF.Property<string>(u, "Id"), Email = EF.Property<string?>(u, "Email") })
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        string? EmailOf(string? id) => id is null ? null : emails.GetValueOrDefault(id, id);
        return events.Select(a => new AuditRecord(
            a.At, a.Type, EmailOf(a.UserId), EmailOf(a.ActorId), a.IpAddress, a.UserAgent, a.Channel, a.Purpose,
            a.MaskedDestination, a.Provider, a.ProviderMessageId, a.Detail, a.OldValue, a.NewValue)).ToList();
    }
}
