using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Limber.Web.Accounts.Mail;

/// <summary>
/// Sends through the configured SMTP server with MailKit: one connection per message, which is
/// plenty for account mail and leaves no connection to go stale between messages.
/// </summary>
public sealed class SmtpMailTransport(MailSettings settings) : IMailTransport
{
    /// <summary>How long connecting and each exchange with the server may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var host = settings.SmtpHost ?? throw new InvalidOperationException($"{MailSettings.SmtpHostKey} is empty: mail goes to {settings.OutboxFolder}.");

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = settings.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            MailSecurity.None => SecureSocketOptions.None,
        };
        await client.ConnectAsync(host, settings.SmtpPort, security, cancellationToken);
        if (settings.UserName is { } userName)
        {
            await client.AuthenticateAsync(userName, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or TimeoutException)
        {
            // The server has taken the message: a lost goodbye must not have the person ask for it again.
        }
    }
}
