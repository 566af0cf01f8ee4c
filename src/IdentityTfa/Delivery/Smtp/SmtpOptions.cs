namespace IdentityTfa.Delivery.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; for a server on the same host only.</summary>
    None,

    /// <summary>Upgrade to TLS with STARTTLS; the server must offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>Email through an SMTP server, bound from <c>IdentityTfa:Email:Smtp</c>.</summary>
public class SmtpOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "IdentityTfa:Email:Smtp";

    /// <summary>The server's host name. Email goes through SMTP only when it is set.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port. Default 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The account to sign in to the server with, if it needs one.</summary>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>. Keep it in user secrets or the environment, never in a file.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address.</summary>
    public string? From { get; set; }

    /// <summary>The sender name; defaults to the company name.</summary>
    public string? FromName { get; set; }

    /// <summary>Put the code at the start of the subject, so it shows in notifications. Default false.</summary>
    public bool CodeInSubject { get; set; }

    /// <summary>The longest a mail may take, connection included, before the user is told it failed. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether email goes through SMTP.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
