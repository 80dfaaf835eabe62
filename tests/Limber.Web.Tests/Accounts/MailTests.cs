using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Limber.Storage;
using Limber.Web.Accounts.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Limber.Web.Tests.Accounts;

/// <summary>Account e-mail: settings, the outbox folder, a real SMTP exchange, and addresses kept out of the logs.</summary>
public sealed partial class MailTests : IDisposable
{
    private const string Address = "alice.tester@example.org";

    // An & between parameters, as every real link has: it must survive as & in text and &amp; in HTML.
    private const string Link = "https://limber.example/account/confirm-email?id=5d1c7f0e-2f43-4a55-9a51-0c3e1a7b9d11&code=Q2ZESjhBYmMtXzEyMw";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("limber-mail-").FullName;
    private readonly LogCapture _logs = new();
    private readonly Person _person = new() { Email = Address, UserName = Address };

    public void Dispose() => Directory.Delete(_dataFolder, recursive: true);

    // --- settings

    [Fact]
    public void With_no_settings_mail_goes_to_the_mail_folder_from_Limber()
    {
        var settings = MailSettings.FromConfiguration(Config(), _dataFolder);

        settings.From.ShouldBe("Limber <no-reply@localhost>");
        settings.SmtpHost.ShouldBeNull();
        settings.SmtpPort.ShouldBe(587);
        settings.Security.ShouldBe(MailSecurity.StartTls);
        settings.UserName.ShouldBeNull();
        settings.OutboxFolder.ShouldBe(Path.Combine(_dataFolder, "mail"));
        settings.Describe().ShouldBe($"written to {Path.Combine(_dataFolder, "mail")} (no SMTP server configured)");
    }

    [Fact]
    public void SMTP_settings_are_read_and_the_password_is_never_described()
    {
        var settings = MailSettings.FromConfiguration(Config(
            ("SmtpHost", " smtp.example.org "), ("SmtpPort", "465"), ("Security", "sslonconnect"),
            ("UserName", "limber"), ("Password", "s3cret-Pa55"), ("From", "Back Clinic <mail@clinic.example>")), _dataFolder);

        settings.SmtpHost.ShouldBe("smtp.example.org");
        settings.SmtpPort.ShouldBe(465);
        settings.Security.ShouldBe(MailSecurity.SslOnConnect);
        settings.UserName.ShouldBe("limber");
        settings.Password.ShouldBe("s3cret-Pa55");
        settings.From.ShouldBe("Back Clinic <mail@clinic.example>");
        settings.OutboxFolder.ShouldBeNull();
        settings.Describe().ShouldBe("smtp.example.org:465 (SslOnConnect, signs in)");
        settings.ToString().ShouldNotContain("s3cret");
    }

    [Theory]
    [InlineData("SmtpPort", "0", "Limber:Mail:SmtpPort")]
    [InlineData("SmtpPort", "65536", "Limber:Mail:SmtpPort")]
    [InlineData("SmtpPort", "twenty-five", "Limber:Mail:SmtpPort")]
    [InlineData("SmtpPort", "-25", "Limber:Mail:SmtpPort")]
    [InlineData("Security", "Tls", "Limber:Mail:Security")]
    // By name only: "1" would otherwise be taken as the enum's second value.
    [InlineData("Security", "1", "Limber:Mail:Security")]
    [InlineData("From", "no-reply", "Limber:Mail:From")]
    [InlineData("From", "Limber <no-reply@>", "Limber:Mail:From")]
    [InlineData("From", "one@example.org, two@example.org", "Limber:Mail:From")]
    [InlineData("SmtpHost", "smtp example org", "Limber:Mail:SmtpHost")]
    public void A_bad_value_stops_start_up_naming_its_key(string key, string value, string named)
    {
        var error = Should.Throw<InvalidOperationException>(() => MailSettings.FromConfiguration(Config((key, value)), _dataFolder));

        error.Message.ShouldStartWith(named);
        error.Message.ShouldContain(value);
    }

    [Fact]
    public void A_password_without_a_user_name_names_the_user_name()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            MailSettings.FromConfiguration(Config(("SmtpHost", "smtp.example.org"), ("Password", "s3cret-Pa55")), _dataFolder));

        error.Message.ShouldContain("Limber:Mail:UserName");
        error.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public void A_user_name_without_a_host_names_the_host()
    {
        var error = Should.Throw<InvalidOperationException>(() => MailSettings.FromConfiguration(Config(("UserName", "limber")), _dataFolder));

        error.Message.ShouldContain("Limber:Mail:SmtpHost");
    }

    [Theory]
    [InlineData(24 * 60, "1 day")]
    [InlineData(3 * 24 * 60, "3 days")]
    [InlineData(60, "1 hour")]
    [InlineData(36 * 60, "36 hours")]
    [InlineData(90, "90 minutes")]
    [InlineData(1, "1 minute")]
    public void Lifespans_are_said_in_words(int minutes, string words) =>
        AccountMessages.Words(TimeSpan.FromMinutes(minutes)).ShouldBe(words);

    // --- the outbox folder

    [Fact]
    public async Task A_confirmation_link_is_written_as_an_eml_file_with_both_bodies()
    {
        using var services = Services(Config());

        await services.GetRequiredService<IEmailSender<Person>>().SendConfirmationLinkAsync(_person, Address, Link);

        var file = Directory.GetFiles(Path.Combine(_dataFolder, "mail")).ShouldHaveSingleItem();
        using var message = MimeMessage.Load(file);
        message.Subject.ShouldBe("Confirm your e-mail address for Limber");
        var from = message.From.Mailboxes.ShouldHaveSingleItem();
        (from.Name, from.Address).ShouldBe(("Limber", "no-reply@localhost"));
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe(Address);
        message.Headers["Auto-Submitted"].ShouldBe("auto-generated");

        Text(message).Split('\n').Select(l => l.TrimEnd('\r')).ShouldContain(Link);
        Text(message).ShouldContain("The link works for 1 day.");
        Text(message).ShouldContain("If you did not ask for this, you can ignore this e-mail.");
        HrefsIn(Html(message)).ShouldAllBe(href => href == Link);
        HrefsIn(Html(message)).Count.ShouldBe(2);
        Html(message).ShouldContain("&amp;code=");
        Html(message).ShouldContain("If you did not ask for this, you can ignore this e-mail.");
    }

    [Fact]
    public async Task A_link_Identity_has_already_HTML_encoded_is_not_encoded_twice()
    {
        using var services = Services(Config());

        // MapIdentityApi and the scaffolded Identity pages encode the link before handing it over.
        await services.GetRequiredService<IEmailSender<Person>>().SendPasswordResetLinkAsync(_person, Address, HtmlEncoder.Default.Encode(Link));

        using var message = MimeMessage.Load(Directory.GetFiles(Path.Combine(_dataFolder, "mail")).Single());
        message.Subject.ShouldBe("Reset your Limber password");
        Text(message).ShouldContain(Link);
        Text(message).ShouldNotContain("&amp;");
        HrefsIn(Html(message)).ShouldAllBe(href => href == Link);
        Html(message).ShouldNotContain("&amp;amp;");
    }

    [Fact]
    public async Task A_reset_code_is_sent_in_words_and_escaped_in_HTML()
    {
        using var services = Services(Config());
        // Identity's codes are base64url; this one tests escaping, as any text from outside should be.
        const string Code = "CfDJ8<b>x</b>&\"q";

        await services.GetRequiredService<IEmailSender<Person>>().SendPasswordResetCodeAsync(_person, Address, Code);

        using var message = MimeMessage.Load(Directory.GetFiles(Path.Combine(_dataFolder, "mail")).Single());
        message.Subject.ShouldBe("Reset your Limber password");
        Text(message).ShouldContain("enter this code where Limber asks for it");
        Text(message).ShouldContain(Code);
        Text(message).ShouldContain("The code works for 1 day.");
        Html(message).ShouldNotContain("<b>");
        Html(message).ShouldContain(HtmlEncoder.Default.Encode(Code));
        WebUtility.HtmlDecode(Html(message)).ShouldContain(Code);
    }

    [Fact]
    public async Task The_lifespan_follows_Identitys_token_setting()
    {
        using var services = Services(Config(), s => s.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(3)));

        await services.GetRequiredService<IEmailSender<Person>>().SendPasswordResetLinkAsync(_person, Address, Link);

        using var message = MimeMessage.Load(Directory.GetFiles(Path.Combine(_dataFolder, "mail")).Single());
        Text(message).ShouldContain("The link works for 3 hours.");
        Html(message).ShouldContain("The link works for 3 hours.");
    }

    [Fact]
    public async Task Files_are_named_by_the_clock_and_nothing_half_written_is_left()
    {
        // Two mails in the same millisecond must still get two files.
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 14, 9, 15, 2, 123, TimeSpan.Zero));
        using var services = Services(Config(), s => s.AddSingleton<TimeProvider>(clock));
        var sender = services.GetRequiredService<IEmailSender<Person>>();

        await sender.SendConfirmationLinkAsync(_person, Address, Link);
        await sender.SendPasswordResetLinkAsync(_person, Address, Link);

        var names = Directory.GetFiles(Path.Combine(_dataFolder, "mail")).Select(Path.GetFileName).ToList();
        names.Count.ShouldBe(2);
        names.ShouldAllBe(n => FileName().IsMatch(n!));
        using var first = MimeMessage.Load(Path.Combine(_dataFolder, "mail", names[0]!));
        // The Date header counts whole seconds.
        first.Date.ShouldBe(new DateTimeOffset(2026, 3, 14, 9, 15, 2, TimeSpan.Zero));
        if (!OperatingSystem.IsWindows())
        {
            // A reset link works like a password for a day.
            File.GetUnixFileMode(Path.Combine(_dataFolder, "mail", names[0]!)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_link_that_is_not_http_is_refused()
    {
        using var services = Services(Config());

        await Should.ThrowAsync<ArgumentException>(() =>
            services.GetRequiredService<IEmailSender<Person>>().SendConfirmationLinkAsync(_person, Address, "javascript:alert(1)"));
    }

    // --- a real SMTP server

    [Fact]
    public async Task SMTP_delivers_the_message_intact_without_signing_in_when_no_user_is_set()
    {
        await using var server = new TestSmtpServer();
        using var services = Services(Smtp(server));
        services.GetRequiredService<IMailTransport>().ShouldBeOfType<SmtpMailTransport>();

        await services.GetRequiredService<IEmailSender<Person>>().SendConfirmationLinkAsync(_person, Address, Link);

        var mail = server.Received.ShouldHaveSingleItem();
        mail.SignedInAs.ShouldBeNull();
        server.Verbs.ShouldNotContain("AUTH");
        server.Verbs.ShouldContain("QUIT");
        mail.MailFrom.ShouldBe("no-reply@localhost");
        mail.Recipients.ShouldBe([Address]);
        using var message = mail.Parse();
        message.Subject.ShouldBe("Confirm your e-mail address for Limber");
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe(Address);
        Text(message).ShouldContain(Link);
        HrefsIn(Html(message)).ShouldAllBe(href => href == Link);
    }

    [Fact]
    public async Task SMTP_signs_in_when_a_user_name_is_set()
    {
        await using var server = new TestSmtpServer(userName: "limber", password: "s3cret-Pa55");
        using var services = Services(Smtp(server, ("UserName", "limber"), ("Password", "s3cret-Pa55")));

        await services.GetRequiredService<IEmailSender<Person>>().SendPasswordResetCodeAsync(_person, Address, "CfDJ8-code_123");

        var mail = server.Received.ShouldHaveSingleItem();
        mail.SignedInAs.ShouldBe("limber");
        using var message = mail.Parse();
        message.Subject.ShouldBe("Reset your Limber password");
        Text(message).ShouldContain("CfDJ8-code_123");
    }

    [Fact]
    public async Task Lines_starting_with_a_dot_survive_the_DATA_exchange()
    {
        await using var server = new TestSmtpServer();
        var transport = new SmtpMailTransport(MailSettings.FromConfiguration(Smtp(server), _dataFolder));
        // A lone dot ends DATA unless the sender doubles it and the server undoes that.
        const string Dotted = "first\r\n.\r\n..two dots\r\n.one dot\r\nlast\r\n";
        using var sent = new MimeMessage();
        sent.From.Add(MailboxAddress.Parse("no-reply@localhost"));
        sent.To.Add(MailboxAddress.Parse(Address));
        sent.Subject = "dots";
        sent.Body = new TextPart("plain") { Text = Dotted };

        await transport.SendAsync(sent, CancellationToken.None);

        using var received = server.Received.ShouldHaveSingleItem().Parse();
        Text(received).Replace("\r\n", "\n", StringComparison.Ordinal).ShouldBe(Dotted.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    // --- failures and the logs

    [Fact]
    public async Task A_sent_mail_is_logged_by_kind_and_hash_never_by_address()
    {
        using var services = Services(Config());

        await services.GetRequiredService<IEmailSender<Person>>().SendConfirmationLinkAsync(_person, Address, Link);

        var logged = string.Join('\n', _logs.Lines);
        logged.ShouldContain($"EmailConfirmation to recipient {AccountMailer.RecipientHash(Address)}");
        logged.ShouldContain(Path.Combine(_dataFolder, "mail"));
        ShouldHoldNoAddress(logged);
        ShouldHoldNoLink(logged);
    }

    [Fact]
    public async Task An_unreachable_SMTP_server_gives_MailNotSentException_and_no_address_in_the_log()
    {
        var port = ClosedPort();
        using var services = Services(Config(("SmtpHost", "127.0.0.1"), ("SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Security", "None")));

        var error = await Should.ThrowAsync<MailNotSentException>(() =>
            services.GetRequiredService<IEmailSender<Person>>().SendPasswordResetLinkAsync(_person, Address, Link));

        error.Kind.ShouldBe(AccountMailKind.PasswordResetLink);
        error.Reason.ShouldContain("could not reach the SMTP server");
        error.InnerException.ShouldBeNull();
        var warning = _logs.Lines.ShouldHaveSingleItem();
        warning.ShouldStartWith("Warning");
        warning.ShouldContain($"PasswordResetLink to recipient {AccountMailer.RecipientHash(Address)}");
        ShouldHoldNoAddress(warning + error);
        ShouldHoldNoLink(warning + error);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_not_quoted_from_its_reply()
    {
        // Real servers put the address in the refusal: "550 5.1.1 <alice@…>: Recipient address rejected".
        await using var server = new TestSmtpServer(rejectRecipients: true);
        using var services = Services(Smtp(server));

        var error = await Should.ThrowAsync<MailNotSentException>(() =>
            services.GetRequiredService<IEmailSender<Person>>().SendConfirmationLinkAsync(_person, Address, Link));

        error.Reason.ShouldBe("the SMTP server refused the recipient (status 550)");
        server.Received.ShouldBeEmpty();
        ShouldHoldNoAddress(string.Join('\n', _logs.Lines) + error);
    }

    [Fact]
    public async Task A_wrong_password_is_a_MailNotSentException_naming_the_settings()
    {
        await using var server = new TestSmtpServer(userName: "limber", password: "right");
        using var services = Services(Smtp(server, ("UserName", "limber"), ("Password", "wrong")));

        var error = await Should.ThrowAsync<MailNotSentException>(() =>
            services.GetRequiredService<IEmailSender<Person>>().SendPasswordResetCodeAsync(_person, Address, "CfDJ8-code_123"));

        error.Reason.ShouldContain("Limber:Mail:UserName");
        server.Received.ShouldBeEmpty();
        var logged = string.Join('\n', _logs.Lines);
        ShouldHoldNoAddress(logged);
        logged.ShouldNotContain("CfDJ8-code_123");
        logged.ShouldNotContain("wrong");
    }

    [Fact]
    public async Task An_unreadable_address_is_a_MailNotSentException_without_the_address()
    {
        using var services = Services(Config());
        const string NotAnAddress = "alice.tester at example.org";

        var error = await Should.ThrowAsync<MailNotSentException>(() =>
            services.GetRequiredService<IEmailSender<Person>>().SendConfirmationLinkAsync(_person, NotAnAddress, Link));

        (string.Join('\n', _logs.Lines) + error).ShouldNotContain("alice.tester", Case.Insensitive);
        Directory.Exists(Path.Combine(_dataFolder, "mail")).ShouldBeFalse();
    }

    // --- helpers

    private static void ShouldHoldNoAddress(string text)
    {
        text.ShouldNotContain(Address, Case.Insensitive);
        text.ShouldNotContain("alice.tester", Case.Insensitive);
    }

    private static void ShouldHoldNoLink(string text) => text.ShouldNotContain("Q2ZESjhBYmMtXzEyMw");

    private ServiceProvider Services(IConfiguration config, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        more?.Invoke(services);
        services.AddLimberMail(config, _dataFolder);
        return services.BuildServiceProvider();
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Limber:Mail:{v.Key}", v.Value)))
            .Build();

    private static IConfiguration Smtp(TestSmtpServer server, params (string Key, string Value)[] more) =>
        Config([("SmtpHost", "127.0.0.1"), ("SmtpPort", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Security", "None"), .. more]);

    // A port nothing listens on: bound once by the system's choice, then let go.
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Text(MimeMessage message) => message.TextBody.ShouldNotBeNull();

    private static string Html(MimeMessage message) => message.HtmlBody.ShouldNotBeNull();

    private static List<string> HrefsIn(string? html) =>
        [.. Href().Matches(html ?? "").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"^20260314-091502-123-[0-9a-f]{8}\.eml$")]
    private static partial Regex FileName();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
