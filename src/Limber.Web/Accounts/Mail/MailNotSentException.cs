namespace Limber.Web.Accounts.Mail;

/// <summary>The account e-mails Limber sends.</summary>
public enum AccountMailKind
{
    EmailConfirmation,
    PasswordResetLink,
    PasswordResetCode,
}

/// <summary>
/// An account e-mail could not be sent. Callers catch it and tell the person in plain words
/// (for example "we could not send the e-mail just now; please try again later") instead of
/// showing an error page. It holds no e-mail address, and deliberately no inner exception:
/// SMTP servers often quote the recipient in their replies, and whoever logs this exception
/// must not log the address with it. The warning <see cref="AccountMailer"/> logs says why.
/// </summary>
public sealed class MailNotSentException : Exception
{
    public MailNotSentException(AccountMailKind kind, string reason)
        : base($"The account e-mail ({kind}) was not sent: {reason}")
    {
        Kind = kind;
        Reason = reason;
    }

    public AccountMailKind Kind { get; }

    /// <summary>Why, in words fit for a log line: no address, no link, no code.</summary>
    public string Reason { get; }
}
