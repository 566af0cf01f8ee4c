using System.ComponentModel.DataAnnotations;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The site policy, stored in the database and in force at once.</summary>
public class PolicyModel(ISitePolicyStore policies) : PageModel
{
    [BindProperty]
    [Display(Name = "Allow customers to use two-factor authentication")]
    public bool AllowCustomerTwoFactor { get; set; }

    [BindProperty]
    [Display(Name = "Required for roles")]
    [StringLength(1000)]
    public string? RequiredRoles { get; set; }

    [BindProperty]
    [Display(Name = "Default method for new customers")]
    public NewAccountMethod NewAccountMethod { get; set; }

    [BindProperty]
    [Display(Name = "Company name")]
    [StringLength(60)]
    public string CompanyName { get; set; } = string.Empty;

    [BindProperty]
    public CodePolicies Policies { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public static IReadOnlyList<(string Name, string Label)> Purposes { get; } =
        [("SignIn", "Sign-in"), ("PhoneVerification", "Phone verification"), ("EmailVerification", "Email verification")];

    public async Task OnGetAsync()
    {
        var policy = await policies.GetAsync(HttpContext.RequestAborted);
        AllowCustomerTwoFactor = policy.AllowCustomerTwoFactor;
        RequiredRoles = string.Join(", ", policy.RequiredRoles);
        NewAccountMethod = policy.Options.NewAccountMethod;
        CompanyName = policy.Options.CompanyName;
        Policies = policy.Options.Policies;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Errors = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => $"{e.Key}: {string.Join(" ", e.Value!.Errors.Select(x => x.ErrorMessage))}").ToList();
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
            Errors = saved.Failures?.ToList() ?? [];
            return Page();
        }

        StatusMessage = "The site policy is saved and in force.";
        return RedirectToPage();
    }

    public CodePolicyOptions PolicyOf(string purpose) => purpose switch
    {
        "SignIn" => Policies.SignIn,
        "PhoneVerification" => Policies.PhoneVerification,
        _ => Policies.EmailVerification,
    };
}
