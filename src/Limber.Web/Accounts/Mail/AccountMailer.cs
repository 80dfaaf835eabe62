using System.Security.Cryptography;
using System.Text;
using Limber.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Limber.Web.Accounts.Mail;

/// <summary>
/// Identity's account e-mails: confirming an address and resetting a password. A mail that
/// cannot be sent is logged as a warning and thrown as <see cref="MailNotSentException"/> for
/// the caller to explain to the person. No log line ever holds the address: at most the kind
/// of mail and <see cref="RecipientHash"/>. A link that is not an absolute http(s) address is
/// the caller's mistake, not a mail failure, and throws <see cref="ArgumentException"/>.
/// </summary>
public sealed partial class AccountMailer(
    IMailTransport transport,
    MailSettings settings,
    IOptions<DataProtectionTokenProviderOptions> tokenOptions,
    TimeProvider time,
    ILogger<AccountMailer> logger) : IEmailSender<Person>
{
    public Task SendConfirmationLinkAsync(Person user, string email, string confirmationLink) =>
        SendAsync(AccountMailKind.EmailConfirmation, email, confirmationLink);

    public Task SendPasswordResetLinkAsync(Person user, string email, string resetLink) =>
        SendAsync(AccountMailKind.PasswordResetLink, email, resetLink);

    public Task SendPasswordResetCodeAsync(Person user, string email, string resetCode) =>
        SendAsync(AccountMailKind.PasswordResetCode, email, resetCode);

    /// <summary>
    /// A short tag for an address, so an operator can match a log line to a person who says
    /// the mail never came (by hashing their address the same way) without logs holding addresses.
    /// </summary>
    public static string RecipientHash(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..8];

    private async Task SendAsync(AccountMailKind kind, string email, string linkOrCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(linkOrCode);
        var recipient = RecipientHash(email);

        if (!MailboxAddress.TryParse(email.Trim(), out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw NotSent(kind, recipient, "the recipient is not one e-mail address");
        }

        // Identity's tokens (confirmation and reset alike) come from its data-protection token
        // provider unless the host chose another, so its lifespan is how long the link or code
        // works: 1 day unless configured.
        using var message = AccountMessages.Compose(kind, settings.CreateSender(), to, linkOrCode, tokenOptions.Value.TokenLifespan, time.GetUtcNow());
        try
        {
            await transport.SendAsync(message, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // Any failure on the way out is the same to the person: the mail did not go.
            throw NotSent(kind, recipient, MailFailure.Describe(failure));
        }
        LogSent(logger, kind, recipient);
    }

    private MailNotSentException NotSent(AccountMailKind kind, string recipient, string reason)
    {
        LogNotSent(logger, kind, recipient, reason);
        return new MailNotSentException(kind, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account mail sent: {Kind} to recipient {RecipientHash}")]
    private static partial void LogSent(ILogger logger, AccountMailKind kind, string recipientHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account mail not sent: {Kind} to recipient {RecipientHash}: {Reason}")]
    private static partial void LogNotSent(ILogger logger, AccountMailKind kind, string recipientHash, string reason);
}
