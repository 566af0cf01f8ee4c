namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The new password twice, as the change-password and set-password forms ask for it.</summary>
public abstract class NewPasswordInputModel
{
    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(100, MinimumLength = 6, ErrorMessage = "The new password must be at least {2} and at most {1} characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = string.Empty;

    [DataType(DataType.Password)]
    [Display(Name = "Confirm new password")]
    [Compare(nameof(NewPassword), ErrorMessage = "The new password and its confirmation do not match.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}
