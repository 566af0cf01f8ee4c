using IdentityTfa.Codes;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The site policy, stored in the database and in force at once.</summary>
[TwoFactorDefaultUI(typeof(PolicyModel<>))]
public abstract class PolicyModel : PageModel
{
    /// <summary>Whether customers (not only staff) may use two-factor sign-in.</summary>
    [BindProperty]
    [Display(Name = "Allow customers to use two-factor authentication")]
    public bool AllowCustomerTwoFactor { get; set; }

    /// <summary>Roles whose members must use two-factor sign-in, comma-separated.</summary>
    [BindProperty]
    [Display(Name = "Required for roles")]
    [StringLength(1000, ErrorMessage = "{0} can be at most {1} characters long.")]
    public string? RequiredRoles { get; set; }

    /// <summary>Whether customers may sign in with a passkey alone, without the password.</summary>
    [BindProperty]
    [Display(Name = "Customers may sign in with a passkey alone")]
    public bool PasswordlessPasskeys { get; set; }

    /// <summary>The methods customers may use (at least one).</summary>
    [BindProperty]
    public List<DeliveryChannel> CustomerMethods { get; set; } = [];

    /// <summary>
    /// Per role, the methods its members must have one of and sign in with; a row with no role name is dropped. Null (a
    /// form without the rows) keeps the rules in force.
    /// </summary>
    [BindProperty]
    public List<RoleRuleInput>? RoleRules { get; set; }

    /// <summary>The admin's confirmation, once told how many customers it strands, that methods are forbidden for customers.</summary>
    [BindProperty]
    [Display(Name = "Yes, forbid these methods for customers")]
    public bool ConfirmStrandedCustomers { get; set; }

    /// <summary>How many customers have only methods the change forbids, when the change waits for a confirmation.</summary>
    public int? CustomersStranded { get; protected set; }

    /// <summary>The method a new account starts with.</summary>
    [BindProperty]
    [Display(Name = "Default method for new customers")]
    public NewAccountMethod NewAccountMethod { get; set; }

    /// <summary>The name in messages.</summary>
    [BindProperty]
    [Display(Name = "Company name")]
    [StringLength(60, ErrorMessage = "{0} can be at most {1} characters long.")]
    public string CompanyName { get; set; } = string.Empty;

    /// <summary>The code policy of each purpose.</summary>
    [BindProperty]
    public CodePolicies Policies { get; set; } = new();

    /// <summary>The admin's acknowledgement that code settings weaker than recommended are meant.</summary>
    [BindProperty]
    [Display(Name = "I understand the risk of weaker settings")]
    public bool AcceptWeakSettings { get; set; }

    /// <summary>The admin's confirmation, once told how many customers it affects, that customer two-factor sign-in goes off.</summary>
    [BindProperty]
    [Display(Name = "Yes, turn two-factor sign-in off for customers")]
    public bool ConfirmCustomerTwoFactorOff { get; set; }

    /// <summary>The settings in force that are weaker than recommended, as sentences.</summary>
    public IReadOnlyList<string> Warnings { get; protected set; } = [];

    /// <summary>How many customers have two-factor sign-in on, when turning it off for them waits for a confirmation.</summary>
    public int? CustomersAffected { get; protected set; }

    /// <summary>The result of the last save, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the policy was not saved.</summary>
    public IReadOnlyList<string> Errors { get; protected set; } = [];

    /// <summary>The form names of the fields an error is about, so the form can mark them and open their group.</summary>
    public IReadOnlySet<string> InvalidFields { get; protected set; } = new HashSet<string>();

    /// <summary>Whether an error is about the field of this form name.</summary>
    public bool IsInvalid(string field) => InvalidFields.Contains(field);

    /// <summary>Whether an error is about a field of the purpose named as in <see cref="CodePolicies"/>.</summary>
    public bool HasErrorIn(string purpose) => InvalidFields.Any(f => f.StartsWith($"Policies.{purpose}.", StringComparison.Ordinal));

    /// <summary>Shows the policy in force.</summary>
    public virtual Task OnGetAsync() => throw new NotImplementedException();

    /// <summary>Saves the policy, or shows why not.</summary>
    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();

    /// <summary>One role's rule on the form: the role and the methods that count for it.</summary>
    public sealed class RoleRuleInput
    {
        /// <summary>The role's name; empty drops the rule.</summary>
        [StringLength(256, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Role")]
        public string? Role { get; set; }

        /// <summary>The methods that count for the role.</summary>
        public List<DeliveryChannel> Methods { get; set; } = [];
    }

    /// <summary>The code policy of a purpose named as in <see cref="CodePolicies"/>.</summary>
    public CodePolicyOptions PolicyOf(string purpose) => purpose switch
    {
        "SignIn" => Policies.SignIn,
        "PhoneVerification" => Policies.PhoneVerification,
        _ => Policies.EmailVerification,
    };
}

internal sealed class PolicyModel<TUser>(ISitePolicyStore policies, TwoFactorCustomers<TUser> customers, IStringLocalizer<AdminText> T) : PolicyModel
    where TUser : class
{
    public override async Task OnGetAsync()
    {
        var policy = await policies.GetAsync(HttpContext.RequestAborted);
        AllowCustomerTwoFactor = policy.AllowCustomerTwoFactor;
        PasswordlessPasskeys = policy.PasswordlessPasskeys;
        RequiredRoles = string.Join(", ", policy.RequiredRoles);
        NewAccountMethod = policy.Options.NewAccountMethod;
        CustomerMethods = policy.CustomerMethods.ToList();
        RoleRules = policy.RoleMethods.Select(r => new RoleRuleInput { Role = r.Key, Methods = r.Value.ToList() }).ToList();
        CompanyName = policy.Options.CompanyName;
        Policies = policy.Options.Policies;
        Warnings = WeakCodeSettings.Of(Policies).Select(Describe).ToList();
    }

    public override async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Errors = ModelState.Values.SelectMany(e => e.Errors).Select(e => e.ErrorMessage).ToList();
            InvalidFields = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToHashSet();
            return Page();
        }

        if (CustomerMethods.Count == 0)
        {
            Errors = [T["Allow customers at least one method."]];
            InvalidFields = new HashSet<string> { "CustomerMethods" };
            return Page();
        }

        // Turning customer two-factor off is saved only once the admin was told whom it affects.
        var current = await policies.GetAsync(HttpContext.RequestAborted);
        if (current.AllowCustomerTwoFactor && !AllowCustomerTwoFactor && !ConfirmCustomerTwoFactorOff)
        {
            CustomersAffected = await customers.CountAsync(current, HttpContext.RequestAborted);
            return Page();
        }

        var rules = RoleRules?.Where(r => !string.IsNullOrWhiteSpace(r.Role))
            .GroupBy(r => r.Role!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DeliveryChannel>)g.SelectMany(r => r.Methods).Distinct().ToList(), StringComparer.Ordinal);
        if (rules?.FirstOrDefault(r => r.Value.Count == 0) is { Key: { } emptyRole })
        {
            Errors = [T["Tick at least one method for the role {0}, or clear its name to drop its rule.", emptyRole]];
            InvalidFields = new HashSet<string> { "RoleRules" };
            return Page();
        }

        // Forbidding a method is saved only once the admin was told how many customers it leaves with no method.
        if (current.CustomerMethods.Except(CustomerMethods).Any() && !ConfirmStrandedCustomers)
        {
            var stranded = await customers.CountStrandedAsync(current, CustomerMethods, HttpContext.RequestAborted);
            if (stranded > 0)
            {
                CustomersStranded = stranded;
                return Page();
            }
        }

        var roles = (RequiredRoles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var policy in new[] { Policies.SignIn, Policies.PhoneVerification, Policies.EmailVerification })
        {
            policy.MessageTemplate = string.IsNullOrWhiteSpace(policy.MessageTemplate) ? null : policy.MessageTemplate;
            policy.EmailSubject = string.IsNullOrWhiteSpace(policy.EmailSubject) ? null : policy.EmailSubject;
            foreach (var empty in policy.MessageTemplates.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList())
            {
                policy.MessageTemplates.Remove(empty);
            }
        }

        var saved = await policies.SaveAsync(new SitePolicyUpdate(AllowCustomerTwoFactor, roles, NewAccountMethod, CompanyName, Policies, AcceptWeakSettings,
            CustomerMethods,
            // A form without the rows (not one sent with them empty) keeps the rules: dropping the staff rule takes a choice.
            RoleMethods: rules) { PasswordlessPasskeys = PasswordlessPasskeys }, HttpContext.RequestAborted);
        if (saved is WeakCodeSettingsResult weak)
        {
            Errors = [T["Settings weaker than recommended are saved only with “I understand the risk of weaker settings” ticked:"], .. weak.Settings.Select(Describe)];
            InvalidFields = weak.Settings.Select(FieldOf).ToHashSet();
            return Page();
        }

        if (saved.Failed)
        {
            var failures = saved is OptionsFailureResult structured
                ? structured.Details
                : (saved.Failures ?? []).Select(OptionsFailure.Other).ToList();
            Errors = failures.Select(f => PolicyFailureText.Describe(f, T)).ToList();
            InvalidFields = failures.Select(PolicyFailureText.FieldOf).OfType<string>().ToHashSet();
            return Page();
        }

        StatusMessage = T["The site policy is saved and in force."];
        return RedirectToPage();
    }

    private string Describe(WeakCodeSetting setting)
    {
        var purpose = T[AdminWords.Purposes.First(p => p.Name == setting.Purpose).Heading];
        return setting.Kind switch
        {
            WeakCodeSettingKind.Short => T["{0} codes are shorter than 6 characters, so they are easier to guess.", purpose],
            WeakCodeSettingKind.LongLived => T["{0} codes last longer than 15 minutes, which leaves more time to guess or steal one.", purpose],
            _ => T["{0} codes allow more than 10 attempts, so more guesses are allowed per code.", purpose],
        };
    }

    private static string FieldOf(WeakCodeSetting setting) => setting.Kind switch
    {
        WeakCodeSettingKind.Short => $"Policies.{setting.Purpose}.Length",
        WeakCodeSettingKind.LongLived => $"Policies.{setting.Purpose}.Lifetime",
        _ => $"Policies.{setting.Purpose}.MaxAttempts",
    };
}
