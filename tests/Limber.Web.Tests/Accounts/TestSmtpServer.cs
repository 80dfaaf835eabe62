using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Limber.Web.Tests.Accounts;

/// <summary>One message as the server received it: the envelope, who signed in, and the raw bytes.</summary>
internal sealed record ReceivedMail(string? SignedInAs, string MailFrom, IReadOnlyList<string> Recipients, byte[] Data)
{
    public MimeMessage Parse()
    {
        using var stream = new MemoryStream(Data);
        return MimeMessage.Load(stream);
    }
}

/// <summary>
/// A real SMTP server on 127.0.0.1 speaking enough of RFC 5321 for MailKit without TLS: EHLO and
/// HELO, AUTH PLAIN and LOGIN, MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP and QUIT.
/// With a user name it refuses mail until the client signs in; with <c>rejectRecipients</c> it
/// refuses every recipient, quoting the address the way real servers do.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentQueue<string> _verbs = new();
    private readonly string? _userName;
    private readonly string? _password;
    private readonly bool _rejectRecipients;
    private readonly Task _accepting;

    public TestSmtpServer(string? userName = null, string? password = null, bool rejectRecipients = false)
    {
        _userName = userName;
        _password = password;
        _rejectRecipients = rejectRecipients;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyCollection<ReceivedMail> Received => _received;

    /// <summary>The command verbs clients sent, in order (EHLO, AUTH, MAIL, …); arguments are left out.</summary>
    public IReadOnlyCollection<string> Verbs => _verbs;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                sessions.Add(ServeAsync(client, _stop.Token));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            // The listener was stopped.
        }
        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var connection = client;
        var stream = connection.GetStream();
        // Latin-1 maps every byte to one char and back, so the message bytes come through unchanged.
        using var reader = new StreamReader(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false);
        var session = new Session();
        try
        {
            await ReplyAsync(stream, "220 127.0.0.1 test ESMTP ready", ct);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var verb = parts.Length == 0 ? "" : parts[0].ToUpperInvariant();
                _verbs.Enqueue(verb);
                if (verb == "QUIT")
                {
                    await ReplyAsync(stream, "221 2.0.0 Bye", ct);
                    return;
                }
                await ReplyAsync(stream, verb switch
                {
                    "EHLO" => "250-127.0.0.1 greets you\r\n250-AUTH PLAIN LOGIN\r\n250 HELP",
                    "HELO" => "250 127.0.0.1",
                    "AUTH" => await AuthenticateAsync(parts, session, reader, stream, ct),
                    "MAIL" => Mail(line, session),
                    "RCPT" => Recipient(line, session),
                    "DATA" => await DataAsync(session, reader, stream, ct),
                    "RSET" => session.Reset(),
                    "NOOP" => "250 2.0.0 Ok",
                    _ => "502 5.5.2 Command not recognized",
                }, ct);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    private async Task<string> AuthenticateAsync(string[] parts, Session session, StreamReader reader, NetworkStream stream, CancellationToken ct)
    {
        if (parts.Length < 2)
        {
            return "501 5.5.4 Syntax: AUTH mechanism";
        }
        string? user;
        string? password;
        switch (parts[1].ToUpperInvariant())
        {
            case "PLAIN":
                // authorization identity NUL user name NUL password
                var plain = Decode(parts.Length > 2 ? parts[2] : await ChallengeAsync("334 ", reader, stream, ct))?.Split('\0');
                (user, password) = plain is [_, var u, var p] ? (u, p) : (null, null);
                break;
            case "LOGIN":
                user = Decode(parts.Length > 2 ? parts[2] : await ChallengeAsync("334 VXNlcm5hbWU6", reader, stream, ct));
                password = Decode(await ChallengeAsync("334 UGFzc3dvcmQ6", reader, stream, ct));
                break;
            default:
                return "504 5.5.4 Unrecognized authentication type";
        }
        if (user is null || password is null || _userName is null || user != _userName || password != _password)
        {
            return "535 5.7.8 Authentication credentials invalid";
        }
        session.SignedInAs = user;
        return "235 2.7.0 Authentication successful";
    }

    private string Mail(string line, Session session)
    {
        if (!line.StartsWith("MAIL FROM:", StringComparison.OrdinalIgnoreCase))
        {
            return "501 5.5.4 Syntax: MAIL FROM:<address>";
        }
        if (_userName is not null && session.SignedInAs is null)
        {
            return "530 5.7.0 Authentication required";
        }
        session.Reset();
        session.MailFrom = AddressIn(line);
        return "250 2.1.0 Ok";
    }

    private string Recipient(string line, Session session)
    {
        if (session.MailFrom is null)
        {
            return "503 5.5.1 Need MAIL first";
        }
        if (!line.StartsWith("RCPT TO:", StringComparison.OrdinalIgnoreCase))
        {
            return "501 5.5.4 Syntax: RCPT TO:<address>";
        }
        var address = AddressIn(line);
        if (_rejectRecipients)
        {
            return $"550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table";
        }
        session.Recipients.Add(address);
        return "250 2.1.5 Ok";
    }

    private async Task<string> DataAsync(Session session, StreamReader reader, NetworkStream stream, CancellationToken ct)
    {
        if (session.MailFrom is null || session.Recipients.Count == 0)
        {
            return "503 5.5.1 Need MAIL and RCPT first";
        }
        await ReplyAsync(stream, "354 End data with <CR><LF>.<CR><LF>", ct);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line && line != ".")
        {
            // RFC 5321 4.5.2: the sender doubled every leading dot.
            data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }
        _received.Enqueue(new ReceivedMail(session.SignedInAs, session.MailFrom, [.. session.Recipients], Encoding.Latin1.GetBytes(data.ToString())));
        session.Reset();
        return "250 2.0.0 Ok: queued";
    }

    private static async Task<string> ChallengeAsync(string challenge, StreamReader reader, NetworkStream stream, CancellationToken ct)
    {
        await ReplyAsync(stream, challenge, ct);
        return await reader.ReadLineAsync(ct) ?? "";
    }

    private static string? Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // "MAIL FROM:<a@b> SIZE=123" → a@b
    private static string AddressIn(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static async Task ReplyAsync(NetworkStream stream, string reply, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), ct);
        await stream.FlushAsync(ct);
    }

    private sealed class Session
    {
        public string? SignedInAs { get; set; }

        public string? MailFrom { get; set; }

        public List<string> Recipients { get; } = [];

        public string Reset()
        {
            MailFrom = null;
            Recipients.Clear();
            return "250 2.0.0 Ok";
        }
    }
}
