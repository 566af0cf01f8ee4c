using IdentityTfa.Configuration;

namespace IdentityTfa.Entities;

/// <summary>The site's 2FA policy as admins set it at run time; empty values fall back to configuration.</summary>
internal class SitePolicy
{
    /// <summary>The one row's key.</summary>
    public int Id { get; set; } = 1;

    /// <summary>Whether customers may use two-factor sign-in at all. Staff (see <c>IdentityTfa:StaffRoles</c>) always may.</summary>
    public bool AllowCustomerTwoFactor { get; set; } = true;

    /// <summary>Comma-separated roles whose members must enrol before they reach anything else.</summary>
    public string RequiredRoles { get; set; } = string.Empty;

    /// <summary>The method new accounts start with, or null for the configured one.</summary>
    public NewAccountMethod? NewAccountMethod { get; set; }

    /// <summary>The company name, or null for the configured one.</summary>
    public string? CompanyName { get; set; }

    /// <summary>The code policies of every purpose as JSON, or null for the configured ones.</summary>
    public string? PoliciesJson { get; set; }

    /// <summary>When an admin last changed it.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed it.</summary>
    public string? UpdatedBy { get; set; }
}
