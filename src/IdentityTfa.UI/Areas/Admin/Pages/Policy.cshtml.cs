using System.ComponentModel.DataAnnotations;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Policy;
using IdentityTfa.UI.Infrastructure;
using IdentityTfa.UI.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The site policy, stored in the database and in force at once.</summary>
[TfaDefaultUI(typeof(PolicyModel<>))]
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

    /// <summary>The code policy of a purpose named as in <see cref="CodePolicies"/>.</summary>
    public CodePolicyOptions PolicyOf(string purpose) => purpose switch
    {
        "SignIn" => Policies.SignIn,
        "PhoneVerification" => Policies.PhoneVerification,
        _ => Policies.EmailVerification,
    };
}

internal sealed class PolicyModel<TUser>(ISitePolicyStore policies, IStringLocalizer<AdminText> T) : PolicyModel
    where TUser : class
{
    public override async Task OnGetAsync()
    {
        var policy = await policies.GetAsync(HttpContext.RequestAborted);
        AllowCustomerTwoFactor = policy.AllowCustomerTwoFactor;
        RequiredRoles = string.Join(", ", policy.RequiredRoles);
        NewAccountMethod = policy.Options.NewAccountMethod;
        CompanyName = policy.Options.CompanyName;
        Policies = policy.Options.Policies;
    }

    public override async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Errors = ModelState.Values.SelectMany(e => e.Errors).Select(e => e.ErrorMessage).ToList();
            InvalidFields = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToHashSet();
            return Page();
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

        var saved = await policies.SaveAsync(new SitePolicyUpdate(AllowCustomerTwoFactor, roles, NewAccountMethod, CompanyName, Policies), HttpContext.RequestAborted);
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
}
