using MimeKit;

namespace Limber.Web.Accounts.Mail;

/// <summary>
/// Delivers one finished message: to an SMTP server, or to a folder when there is none. Any
/// failure is thrown as it comes; <see cref="AccountMailer"/> turns it into a
/// <see cref="MailNotSentException"/> with nothing personal in it.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
