using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>The profile. Unlike Identity UI's own, it does not let an unverified phone number replace the verified one.</summary>
public class IndexModel(UserManager<IdentityUser> users) : PageModel
{
    public string Email { get; private set; } = string.Empty;

    public string? PhoneNumber { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Email = await users.GetEmailAsync(user) ?? string.Empty;
        PhoneNumber = await users.IsPhoneNumberConfirmedAsync(user) ? await users.GetPhoneNumberAsync(user) : null;
        return Page();
    }
}
