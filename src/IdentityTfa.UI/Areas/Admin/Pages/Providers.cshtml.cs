using IdentityTfa.Audit;
using IdentityTfa.Phones;

namespace IdentityTfa.UI.Areas.Admin.Pages;

/// <summary>The configured message providers, and a test message through any of them.</summary>
[TwoFactorDefaultUI(typeof(ProvidersModel<>))]
public abstract class ProvidersModel : PageModel
{
    /// <summary>The providers in the order they are tried.</summary>
    public IReadOnlyList<IMessageChannel> Providers { get; protected init; } = [];

    /// <summary>The index in <see cref="Providers"/> of the one to test.</summary>
    [BindProperty]
    public int Provider { get; set; }

    /// <summary>The phone number or email address to send the test to.</summary>
    [BindProperty]
    public string? To { get; set; }

    /// <summary>The provider's answer when it took the message.</summary>
    public string? Answer { get; protected set; }

    /// <summary>Why the message was not sent.</summary>
    public string? ErrorMessage { get; protected set; }

    /// <summary>Shows the providers.</summary>
    public virtual void OnGet() => throw new NotImplementedException();

    /// <summary>Sends a test message through the chosen provider.</summary>
    public virtual Task<IActionResult> OnPostAsync() => throw new NotImplementedException();
}

internal sealed class ProvidersModel<TUser> : ProvidersModel
    where TUser : class
{
    private readonly UserManager<TUser> users;
    private readonly IPhoneNumberParser phones;
    private readonly IAuditLog audit;
    private readonly IStringLocalizer<AdminText> T;

    public ProvidersModel(IEnumerable<IMessageChannel> providers, UserManager<TUser> users, IPhoneNumberParser phones, IAuditLog audit, IStringLocalizer<AdminText> localizer)
    {
        Providers = providers.ToList();
        this.users = users;
        this.phones = phones;
        this.audit = audit;
        T = localizer;
    }

    public override void OnGet()
    {
    }

    public override async Task<IActionResult> OnPostAsync()
    {
        if (Provider < 0 || Provider >= Providers.Count || !Providers[Provider].IsConfigured)
        {
            ErrorMessage = T["Choose a configured provider."];
            return Page();
        }

        var provider = Providers[Provider];
        var to = To?.Trim() ?? string.Empty;
        if (provider.Channel == DeliveryChannel.Email)
        {
            if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(to) || to.Length is 0 or > 256)
            {
                ErrorMessage = T["Enter an email address."];
                return Page();
            }
        }
        else
        {
            var parsed = phones.Parse(to);
            if (!parsed.IsValid)
            {
                ErrorMessage = T[parsed.Error ?? "Enter a phone number."];
                return Page();
            }

            to = parsed.E164!;
        }

        var message = new OutgoingMessage(provider.Channel, to, T["Test message"], T["This is a test message from the shop's admin area. No action is needed."]);
        var result = await provider.SendAsync(message, HttpContext.RequestAborted);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.TestMessage, null)
        {
            ActorId = users.GetUserId(User),
            Channel = provider.Channel.ToString(),
            MaskedDestination = MaskedDestination.For(provider.Channel, to),
            Provider = provider.ProviderName,
            ProviderMessageId = result.ProviderMessageId,
            Detail = result.Succeeded ? "sent" : result.Detail ?? result.Error,
        });
        if (result.Succeeded)
        {
            Answer = T["{0} took the message (id {1}).", provider.ProviderName, result.ProviderMessageId ?? string.Empty];
        }
        else
        {
            ErrorMessage = T["{0} did not take the message: {1} {2}", provider.ProviderName, result.Error ?? string.Empty, result.Detail ?? string.Empty];
        }

        return Page();
    }
}
