using IdentityTfa.Audit;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Devices;
using IdentityTfa.Entities;
using IdentityTfa.Methods;
using IdentityTfa.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Administration;

/// <inheritdoc />
internal sealed class CustomerDirectory<TUser>(
    TwoFactorDbContextAccessor database,
    UserManager<TUser> users,
    ITwoFactorMethodManager<TUser> methods,
    ITrustedDeviceManager<TUser> devices,
    IOptionsMonitor<TwoFactorOptions> options,
    TimeProvider time) : ICustomerDirectory<TUser>
    where TUser : class
{
    private const int MaxTermLength = 100;

    public async Task<CustomerPage> SearchAsync(string? term, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        var db = database.Context;
        var query = db.Set<TUser>().AsNoTracking();
        term = term?.Trim() ?? string.Empty;
        if (term.Length > MaxTermLength)
        {
            term = term[..MaxTermLength];
        }

        if (term.Length > 0)
        {
            var countryCode = PhoneNumbers.PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(options.CurrentValue.DefaultPhoneRegion);
            query = CustomerSearch.Apply(query, term, countryCode);
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pageCount);
        var accounts = await query.OrderBy(u => EF.Property<string>(u, "NormalizedEmail")).Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(u => new
            {
                Id = EF.Property<string>(u, "Id"),
                Email = EF.Property<string?>(u, "Email"),
                TwoFactorEnabled = EF.Property<bool>(u, "TwoFactorEnabled"),
                LockoutEnd = EF.Property<DateTimeOffset?>(u, "LockoutEnd"),
            })
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(u => u.Id).ToList();
        var channels = await db.Set<TwoFactorMethod>().AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Channel }).ToListAsync(cancellationToken);
        var lastSignIns = await db.Set<AuditEvent>().AsNoTracking()
            .Where(a => ids.Contains(a.UserId!) && a.Type == AuditEventTypes.SignedIn)
            .GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, At = g.Max(a => a.At) }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var customers = accounts.Select(u => new CustomerSummary(
            u.Id,
            u.Email ?? string.Empty,
            u.TwoFactorEnabled,
            channels.Where(m => m.UserId == u.Id).Select(m => m.Channel).Order().ToList(),
            lastSignIns.FirstOrDefault(l => l.UserId == u.Id)?.At,
            u.LockoutEnd > now)).ToList();
        return new CustomerPage(customers, total, pageNumber, pageCount);
    }

    public async Task<CustomerDetails?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(id) is not { } customer)
        {
            return null;
        }

        var available = new List<DeliveryChannel>();
        if (await users.IsPhoneNumberConfirmedAsync(customer) && await users.GetPhoneNumberAsync(customer) is not null)
        {
            available.AddRange([DeliveryChannel.Sms, DeliveryChannel.Voice]);
        }

        if (await users.IsEmailConfirmedAsync(customer))
        {
            available.Add(DeliveryChannel.Email);
        }

        var lockoutEnd = await users.GetLockoutEndDateAsync(customer);
        return new CustomerDetails(
            await users.GetUserIdAsync(customer),
            await users.GetEmailAsync(customer) ?? string.Empty,
            await users.GetTwoFactorEnabledAsync(customer),
            await methods.GetMethodsAsync(customer, cancellationToken),
            (await devices.ListAsync(customer, cancellationToken)).Count,
            lockoutEnd > time.GetUtcNow() ? lockoutEnd : null,
            available);
    }
}
