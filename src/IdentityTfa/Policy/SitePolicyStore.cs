using System.Text.Json;
using System.Text.Json.Nodes;
using IdentityTfa.Audit;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Delivery;
using IdentityTfa.Entities;
using IdentityTfa.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityTfa.Policy;

/// <summary>Reads the policy once per request (one row by key), so a change applies at once on every instance.</summary>
internal sealed class SitePolicyStore(
    TwoFactorDbContextAccessor db,
    IOptionsMonitor<TwoFactorOptions> configured,
    IEnumerable<IValidateOptions<TwoFactorOptions>> validators,
    IAuditLog audit,
    TimeProvider time) : ISitePolicyStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private EffectiveSitePolicy? _current;

    public async Task<EffectiveSitePolicy> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_current is not null)
        {
            return _current;
        }

        var row = await db.Context.Set<SitePolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == 1, cancellationToken);
        _current = Merge(configured.CurrentValue, row);
        return _current;
    }

    public async Task<ValidateOptionsResult> SaveAsync(SitePolicyUpdate update, CancellationToken cancellationToken = default)
    {
        var before = await GetAsync(cancellationToken);
        var row = await db.Context.Set<SitePolicy>().FirstOrDefaultAsync(p => p.Id == 1, cancellationToken);
        var isNew = row is null;
        row ??= new SitePolicy { Id = 1 };
        row.AllowCustomerTwoFactor = update.AllowCustomerTwoFactor;
        row.RequiredRoles = string.Join(",", update.RequiredRoles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal));
        row.NewAccountMethod = update.NewAccountMethod;
        row.CompanyName = update.CompanyName.Trim();
        // The method policy rides in the same JSON as the code policies (no new column); CodePolicies ignores it on reading.
        var customerMethods = SiteMethods.All.Where((update.CustomerMethods ?? before.CustomerMethods).Contains).ToList();
        if (customerMethods.Count == 0)
        {
            db.Context.ChangeTracker.Clear();
            return ValidateOptionsResult.Fail("Customers must be allowed at least one method.");
        }

        var json = JsonSerializer.SerializeToNode(update.Policies, Json)!.AsObject();
        json[CustomerMethodsKey] = JsonSerializer.SerializeToNode(customerMethods, Json);
        var roleMethods = RoleMethodsOf(update, before);
        if (roleMethods.FirstOrDefault(r => r.Value.Count == 0) is { Key: { } emptyRole })
        {
            db.Context.ChangeTracker.Clear();
            return ValidateOptionsResult.Fail($"The role {emptyRole} must be given at least one method.");
        }

        // Per role since the role rules took sets of methods; the old key (a list of roles asked for a strong one) is read, not written.
        json.Remove(StrongMethodRolesKey);
        json[RoleMethodsKey] = JsonSerializer.SerializeToNode(roleMethods, Json);
        json[PasswordlessPasskeysKey] = update.PasswordlessPasskeys ?? before.PasswordlessPasskeys;
        row.PoliciesJson = json.ToJsonString(Json);
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;

        var after = Merge(configured.CurrentValue, row);
        var failures = validators.SelectMany(v => Check(v, after.Options)).ToList();
        if (failures.Count > 0)
        {
            db.Context.ChangeTracker.Clear();
            return new OptionsFailureResult(failures);
        }

        // After the validators, so that a value out of range is said as such rather than as a risk to acknowledge.
        if (!update.AcceptWeakSettings && WeakCodeSettings.Of(after.Options.Policies) is { Count: > 0 } weak)
        {
            db.Context.ChangeTracker.Clear();
            return new WeakCodeSettingsResult(weak);
        }

        if (isNew)
        {
            db.Context.Set<SitePolicy>().Add(row);
        }

        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.Entry(row).State = EntityState.Detached;
        _current = after;
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.PolicyChanged, null) { OldValue = Describe(before), NewValue = Describe(after) }, cancellationToken);
        return ValidateOptionsResult.Success;
    }

    /// <summary>Our validator's failures with their structure (the admin page words them); another's as its messages.</summary>
    private static IEnumerable<OptionsFailure> Check(IValidateOptions<TwoFactorOptions> validator, TwoFactorOptions options) =>
        validator is TwoFactorOptionsValidator ours
            ? ours.Check(options)
            : validator.Validate(null, options) is { Failed: true } result ? (result.Failures ?? []).Select(OptionsFailure.Other) : [];

    internal static EffectiveSitePolicy Merge(TwoFactorOptions configured, SitePolicy? row)
    {
        // A deep copy, so that a request never changes the configured options other requests see.
        var options = JsonSerializer.Deserialize<TwoFactorOptions>(JsonSerializer.Serialize(configured, Json), Json)!;
        if (row?.CompanyName is { Length: > 0 } company)
        {
            options.CompanyName = company;
        }

        if (row?.NewAccountMethod is { } method)
        {
            options.NewAccountMethod = method;
        }

        if (row?.PoliciesJson is { Length: > 0 } policies)
        {
            options.Policies = JsonSerializer.Deserialize<CodePolicies>(policies, Json) ?? options.Policies;
        }

        var methods = row?.PoliciesJson is { Length: > 0 } stored ? JsonNode.Parse(stored) as JsonObject : null;
        return new EffectiveSitePolicy(
            options,
            row?.AllowCustomerTwoFactor ?? true,
            Split(row?.RequiredRoles),
            Split(options.StaffRoles))
        {
            CustomerMethods = methods?[CustomerMethodsKey]?.Deserialize<List<DeliveryChannel>>(Json) is { Count: > 0 } allowed ? allowed : SiteMethods.All,
            RoleMethods = methods?[RoleMethodsKey]?.Deserialize<Dictionary<string, List<DeliveryChannel>>>(Json) is { } rules
                ? rules.ToDictionary(r => r.Key, r => (IReadOnlyList<DeliveryChannel>)r.Value, StringComparer.Ordinal)
                : methods?[StrongMethodRolesKey]?.Deserialize<List<string>>(Json) is { } strongRoles
                ? StrongRules(strongRoles)
                : SiteMethods.DefaultRoleMethods,
            PasswordlessPasskeys = methods?[PasswordlessPasskeysKey]?.GetValueKind() == JsonValueKind.True,
        };
    }

    /// <summary>The role rules an update asks for: its own, else its roles asked for a strong method, else the ones in force.</summary>
    private static Dictionary<string, IReadOnlyList<DeliveryChannel>> RoleMethodsOf(SitePolicyUpdate update, EffectiveSitePolicy before)
    {
        if (update.RoleMethods is null)
        {
            return update.StrongMethodRoles is { } roles
                ? StrongRules(roles)
                : before.RoleMethods.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        }

        var rules = new Dictionary<string, IReadOnlyList<DeliveryChannel>>(StringComparer.Ordinal);
        foreach (var (role, methods) in update.RoleMethods)
        {
            if (role.Trim() is { Length: > 0 } name)
            {
                rules[name] = SiteMethods.All.Where(methods.Contains).ToList();
            }
        }

        return rules;
    }

    private static Dictionary<string, IReadOnlyList<DeliveryChannel>> StrongRules(IEnumerable<string> roles) =>
        roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)
            .ToDictionary(r => r, _ => SiteMethods.Strong, StringComparer.Ordinal);

    private const string CustomerMethodsKey = "CustomerMethods";
    private const string StrongMethodRolesKey = "StrongMethodRoles";
    private const string RoleMethodsKey = "RoleMethods";
    private const string PasswordlessPasskeysKey = "PasswordlessPasskeys";

    private static List<string> Split(string? roles) =>
        (roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string Describe(EffectiveSitePolicy policy) => JsonSerializer.Serialize(new
    {
        policy.AllowCustomerTwoFactor,
        policy.RequiredRoles,
        CustomerMethods = policy.CustomerMethods.Select(m => m.ToString()),
        RoleMethods = policy.RoleMethods.ToDictionary(r => r.Key, r => r.Value.Select(m => m.ToString())),
        policy.PasswordlessPasskeys,
        NewAccountMethod = policy.Options.NewAccountMethod.ToString(),
        policy.Options.CompanyName,
        policy.Options.Policies,
    }, Json);
}
