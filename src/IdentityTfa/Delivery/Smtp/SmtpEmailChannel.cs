using System.Net.Sockets;
using IdentityTfa.Policy;
using IdentityTfa.Logging;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IdentityTfa.Delivery.Smtp;

/// <summary>Email through an SMTP server with MailKit, never waiting longer than the configured timeout.</summary>
internal sealed class SmtpEmailChannel(
    IOptionsMonitor<SmtpOptions> options,
    ISitePolicyStore policies,
    TimeProvider time,
    ILogger<SmtpEmailChannel> logger) : IMessageChannel
{
    private const string TryAgain = "We could not send the email right now. Please try again in a moment.";

    public DeliveryChannel Channel => DeliveryChannel.Email;

    public string ProviderName => "SMTP";

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue;
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(smtp.FromName ?? (await policies.GetAsync(cancellationToken)).Options.CompanyName, smtp.From ?? string.Empty));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.HtmlBody }.ToMessageBody();

        using var timeout = new CancellationTokenSource(smtp.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host ?? string.Empty, smtp.Port, Security(smtp.Security), linked.Token);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, linked.Token);
            }

            var answer = await client.SendAsync(mail, linked.Token);
            await client.DisconnectAsync(quit: true, linked.Token);
            return DeliveryResult.Sent(mail.MessageId ?? answer, provider: "smtp");
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            return Fail(smtp, $"recipient refused: {e.StatusCode} {e.Message}", "This email address cannot receive mail. Check it, or use another way.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Fail(smtp, $"no answer within {smtp.Timeout}", TryAgain);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            return Fail(smtp, $"{e.GetType().Name}: {e.Message}", TryAgain);
        }
    }

    private DeliveryResult Fail(SmtpOptions smtp, string detail, string userMessage)
    {
        TwoFactorLog.SmtpFailed(logger, smtp.Host ?? string.Empty, smtp.Port, detail);
        return DeliveryResult.Failed(userMessage, $"SMTP {smtp.Host}:{smtp.Port}: {detail}");
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
