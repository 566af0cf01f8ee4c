namespace IdentityTfa.UI.Areas.Identity.Pages.Account;

/// <summary>The post of a page that mails an account a link on request (forgot password, resend confirmation).</summary>
internal static class AccountLinkMail
{
    /// <summary>
    /// Mails a link to the account at <paramref name="email"/> when its address is confirmed as
    /// <paramref name="emailConfirmed"/> says, and does nothing for any other address; then gives the page's
    /// <paramref name="answer"/>, the same either way, so that the page tells no one who has an account.
    /// </summary>
    public static async Task<IActionResult> MailAccountLinkAsync<TUser>(
        this PageModel page,
        UserManager<TUser> users,
        IEmailSender emailSender,
        PublicLinks links,
        string email,
        bool emailConfirmed,
        string linkPage,
        Func<TUser, Task<object>> linkValues,
        Func<string, (string Subject, string Body)> mail,
        Func<IActionResult> answer) where TUser : class
    {
        if (!page.ModelState.IsValid)
        {
            return page.Page();
        }

        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is not null && await users.IsEmailConfirmedAsync(user) == emailConfirmed)
        {
            var link = page.MailLink(links, linkPage, await linkValues(user));
            var (subject, body) = mail(HtmlEncoder.Default.Encode(link));
            await emailSender.SendEmailAsync(email, subject, body);
        }

        return answer();
    }
}
