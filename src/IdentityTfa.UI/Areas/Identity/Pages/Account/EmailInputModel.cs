namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The email field of the forms that name an account by its address: forgot password, resend confirmation, reset password.</summary>
[PageText(typeof(LayoutText))]
public abstract class EmailInputModel
{
    [Required(ErrorMessage = "Enter your email.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [StringLength(256, ErrorMessage = "That email is too long.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = string.Empty;
}
