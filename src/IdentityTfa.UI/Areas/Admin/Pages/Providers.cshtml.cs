using IdentityTfa.Audit;
using IdentityTfa.Delivery;
using IdentityTfa.Phones;
using IdentityTfa.UI.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The configured message providers, and a test message through any of them.</summary>
public class ProvidersModel(IEnumerable<IMessageChannel> providers, IPhoneNumberParser phones, IAuditLog audit) : PageModel
{
    public IReadOnlyList<IMessageChannel> Providers { get; } = providers.ToList();

    [BindProperty]
    public int Provider { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public string? Answer { get; private set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Provider < 0 || Provider >= Providers.Count || !Providers[Provider].IsConfigured)
        {
            ErrorMessage = "Choose a configured provider.";
            return Page();
        }

        var provider = Providers[Provider];
        var to = To?.Trim() ?? string.Empty;
        if (provider.Channel == DeliveryChannel.Email)
        {
            if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(to) || to.Length is 0 or > 256)
            {
                ErrorMessage = "Enter an email address.";
                return Page();
            }
        }
        else
        {
            var parsed = phones.Parse(to);
            if (!parsed.IsValid)
            {
                ErrorMessage = parsed.Error;
                return Page();
            }

            to = parsed.E164!;
        }

        var message = new OutgoingMessage(provider.Channel, to, "Test message", "This is a test message from the shop's admin area. No action is needed.");
        var result = await provider.SendAsync(message, HttpContext.RequestAborted);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.TestMessage, null)
        {
            ActorId = User.Id(),
            Channel = provider.Channel.ToString(),
            MaskedDestination = MaskedDestination.For(provider.Channel, to),
            Provider = provider.ProviderName,
            ProviderMessageId = result.ProviderMessageId,
            Detail = result.Succeeded ? "sent" : result.Detail ?? result.Error,
        });
        if (result.Succeeded)
        {
            Answer = $"{provider.ProviderName} took the message (id {result.ProviderMessageId}).";
        }
        else
        {
            ErrorMessage = $"{provider.ProviderName} did not take the message: {result.Error} {result.Detail}";
        }

        return Page();
    }
}
