using System.Globalization;
using MimeKit;

namespace Limber.Web.Accounts.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: only for a relay on the same machine or a test server.</summary>
    None,
}

/// <summary>
/// Where account e-mail goes, read once from <c>Limber:Mail</c>. With no SMTP host, mail is
/// written to a folder instead (development, or an operator who has no server yet), so the
/// links can still be followed.
/// </summary>
public sealed class MailSettings
{
    public const string FromKey = "Limber:Mail:From";
    public const string SmtpHostKey = "Limber:Mail:SmtpHost";
    public const string SmtpPortKey = "Limber:Mail:SmtpPort";
    public const string SecurityKey = "Limber:Mail:Security";
    public const string UserNameKey = "Limber:Mail:UserName";
    public const string PasswordKey = "Limber:Mail:Password";

    public const string DefaultFrom = "Limber <no-reply@localhost>";
    public const int DefaultSmtpPort = 587;

    /// <summary>The outbox folder's name inside the data folder.</summary>
    public const string OutboxFolderName = "mail";

    private MailSettings(string from, string? smtpHost, int smtpPort, MailSecurity security, string? userName, string? password, string? outboxFolder)
    {
        From = from;
        SmtpHost = smtpHost;
        SmtpPort = smtpPort;
        Security = security;
        UserName = userName;
        Password = password;
        OutboxFolder = outboxFolder;
    }

    /// <summary>The sender, as checked text such as <c>Limber &lt;no-reply@localhost&gt;</c>.</summary>
    public string From { get; }

    /// <summary>The SMTP server, or null when mail goes to <see cref="OutboxFolder"/>.</summary>
    public string? SmtpHost { get; }

    public int SmtpPort { get; }

    public MailSecurity Security { get; }

    /// <summary>Signs in to the SMTP server when set.</summary>
    public string? UserName { get; }

    public string? Password { get; }

    /// <summary>The absolute folder mail is written to, set exactly when there is no <see cref="SmtpHost"/>.</summary>
    public string? OutboxFolder { get; }

    /// <summary>
    /// Reads and checks the settings, failing with the name of the setting at fault. Every value
    /// is checked even when unused, so a typo stops start-up instead of the first mail.
    /// </summary>
    /// <param name="dataFolder">Limber's data folder; the outbox is its <c>mail</c> subfolder.</param>
    public static MailSettings FromConfiguration(IConfiguration config, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);

        var from = ParseFrom(config[FromKey]);
        var host = ParseHost(config[SmtpHostKey]);
        var port = ParsePort(config[SmtpPortKey]);
        var security = ParseSecurity(config[SecurityKey]);
        var userName = Blank(config[UserNameKey]) ? null : config[UserNameKey];
        var password = string.IsNullOrEmpty(config[PasswordKey]) ? null : config[PasswordKey];

        if (password is not null && userName is null)
        {
            throw new InvalidOperationException($"{PasswordKey} is set but {UserNameKey} is empty; set both to sign in to the SMTP server, or neither.");
        }
        if (userName is not null && host is null)
        {
            throw new InvalidOperationException($"{UserNameKey} is set but {SmtpHostKey} is empty; name the SMTP server to sign in to.");
        }

        var outbox = host is null ? Path.GetFullPath(Path.Combine(dataFolder, OutboxFolderName)) : null;
        return new MailSettings(from, host, port, security, userName, password, outbox);
    }

    /// <summary>Where mail goes, for the start-up lines; never shows the password.</summary>
    public string Describe()
    {
        if (SmtpHost is null)
        {
            return $"written to {OutboxFolder} (no SMTP server configured)";
        }
        var host = SmtpHost.Contains(':', StringComparison.Ordinal) ? $"[{SmtpHost}]" : SmtpHost;
        var signIn = UserName is null ? "" : ", signs in";
        return $"{host}:{SmtpPort} ({Security}{signIn})";
    }

    // A default ToString would be harmless today; this keeps it so if a property is ever added.
    public override string ToString() => Describe();

    /// <summary>A new sender mailbox for one message: MimeKit address objects are mutable and watched by the message holding them.</summary>
    internal MailboxAddress CreateSender() => MailboxAddress.Parse(From);

    private static string ParseFrom(string? value)
    {
        if (Blank(value))
        {
            return DefaultFrom;
        }
        var text = value!.Trim();
        if (!IsOneAddress(text))
        {
            throw new InvalidOperationException(
                $"{FromKey} is '{value}', which is not one e-mail address; use e.g. \"Limber <no-reply@example.org>\" or no-reply@example.org.");
        }
        return text;
    }

    // MimeKit also takes a bare local part ("no-reply") as a mailbox; mail needs a domain too.
    private static bool IsOneAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is var at
        && at > 0 && at < mailbox.Address.Length - 1;

    private static string? ParseHost(string? value)
    {
        if (Blank(value))
        {
            return null;
        }
        var host = value!.Trim();
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new InvalidOperationException($"{SmtpHostKey} is '{value}', which is not a host name or IP address; use e.g. smtp.example.org.");
        }
        return host;
    }

    private static int ParsePort(string? value)
    {
        if (Blank(value))
        {
            return DefaultSmtpPort;
        }
        if (!int.TryParse(value!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{SmtpPortKey} is '{value}'; use a port from 1 to 65535 ({DefaultSmtpPort}, the default, for StartTls; 465 for SslOnConnect).");
        }
        return port;
    }

    // By name only: Enum.Parse would also take "1" for SslOnConnect.
    private static MailSecurity ParseSecurity(string? value)
    {
        if (Blank(value))
        {
            return MailSecurity.StartTls;
        }
        foreach (var security in Enum.GetValues<MailSecurity>())
        {
            if (security.ToString().Equals(value!.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return security;
            }
        }
        throw new InvalidOperationException($"{SecurityKey} is '{value}'; use StartTls (the default), SslOnConnect or None.");
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
