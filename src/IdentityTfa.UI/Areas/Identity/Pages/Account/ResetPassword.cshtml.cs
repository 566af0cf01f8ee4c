namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>Identity UI's reset-password page (reached from the emailed link) in this package's design and languages.</summary>
[AllowAnonymous]
[PageText(typeof(LayoutText))]
[TwoFactorDefaultUI(typeof(ResetPasswordModel<>))]
public abstract class ResetPasswordModel : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set when the link carried no code, or one that cannot be read.</summary>
    public string? LinkError { get; protected set; }

    public class InputModel : EmailInputModel
    {
        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(100, MinimumLength = 6, ErrorMessage = "The password must be at least {2} and at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;

        [Required]
        public string Code { get; set; } = string.Empty;
    }

    public virtual IActionResult OnGet(string? code = null) => throw new NotImplementedException();

    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class ResetPasswordModel<TUser>(UserManager<TUser> users, IStringLocalizer<LayoutText> text) : ResetPasswordModel where TUser : class
{
    public override IActionResult OnGet(string? code = null)
    {
        Input = new InputModel { Code = LinkCode.Decode(code ?? string.Empty) ?? string.Empty };
        if (string.IsNullOrEmpty(Input.Code))
        {
            LinkError = text["This link is not complete. Open the link from the email again, or ask for a new one."];
        }

        return Page();
    }

    public override async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            if (string.IsNullOrEmpty(Input.Code))
            {
                LinkError = text["This link is not complete. Open the link from the email again, or ask for a new one."];
            }

            return Page();
        }

        // An unknown address gets the same answer as a reset: the page must not tell who has an account.
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            return RedirectToPage("./ResetPasswordConfirmation");
        }

        var result = await users.ResetPasswordAsync(user, Input.Code, Input.Password);
        if (result.Succeeded)
        {
            return RedirectToPage("./ResetPasswordConfirmation");
        }

        foreach (var error in result.Errors)
        {
            // Identity's own messages (password rules, an expired link); its describer decides their language.
            ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
        }

        return Page();
    }
}
