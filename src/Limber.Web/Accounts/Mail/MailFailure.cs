using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Limber.Web.Accounts.Mail;

/// <summary>Says why a send failed, in words that can go into a log line.</summary>
internal static partial class MailFailure
{
    /// <summary>
    /// The reason without anything personal: SMTP replies are summarised by status code (servers
    /// quote the recipient in them), and any other message loses every word with an @ in it.
    /// </summary>
    public static string Describe(Exception failure) => failure switch
    {
        SmtpCommandException refused => refused.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"the SMTP server refused the recipient (status {(int)refused.StatusCode})",
            SmtpErrorCode.SenderNotAccepted => $"the SMTP server refused the sender in {MailSettings.FromKey} (status {(int)refused.StatusCode})",
            SmtpErrorCode.MessageNotAccepted => $"the SMTP server refused the message (status {(int)refused.StatusCode})",
            SmtpErrorCode.UnexpectedStatusCode => $"the SMTP server answered with status {(int)refused.StatusCode}",
        },
        AuthenticationException => $"the SMTP server did not accept {MailSettings.UserNameKey} and {MailSettings.PasswordKey}",
        SslHandshakeException => $"the TLS handshake with the SMTP server failed (check {MailSettings.SecurityKey} and {MailSettings.SmtpPortKey})",
        SmtpProtocolException => "the SMTP server broke off the conversation",
        SocketException socket => $"could not reach the SMTP server ({socket.SocketErrorCode})",
        TimeoutException or OperationCanceledException => "the SMTP server did not answer in time",
        _ => $"{failure.GetType().Name}: {WithoutAddresses(failure.Message)}",
    };

    public static string WithoutAddresses(string text) => Address().Replace(text, "[address]");

    [GeneratedRegex(@"\S*@\S*")]
    private static partial Regex Address();
}
