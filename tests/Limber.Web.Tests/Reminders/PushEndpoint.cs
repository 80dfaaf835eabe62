using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Limber.Web.Reminders.WebPush;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Web.Tests.Reminders;

/// <summary>One push message as the browser would see it, with the headers and VAPID claims it came with.</summary>
public sealed record ReceivedPush(string Path, byte[] Payload, int Ttl, string? Urgency, string? Topic, VapidToken Vapid)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>Every POST the endpoint answered, accepted or not, with the reason for a refusal.</summary>
public sealed record PushAttempt(string Path, int StatusCode, string Reason);

/// <summary>
/// A VAPID token checked the way a push service checks it (RFC 8292): the receiving side, written from
/// the RFC and not from <see cref="VapidKeys"/>.
/// </summary>
public sealed record VapidToken(string HeaderJson, string Audience, DateTimeOffset Expires, string Subject, byte[] PublicKey, int SignatureLength)
{
    /// <summary>
    /// Parses <c>vapid t=…, k=…</c>, checks the ES256 signature with k, that aud is
    /// <paramref name="expectedAudience"/>, and that exp is after <paramref name="now"/> and at most 24 hours ahead.
    /// </summary>
    /// <exception cref="FormatException">The header or token is wrong; the message says how.</exception>
    public static VapidToken Verify(string? authorization, string expectedAudience, DateTimeOffset now)
    {
        if (authorization is null || !authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            throw new FormatException("The Authorization header does not use the vapid scheme.");
        }
        var parameters = authorization["vapid ".Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : "", StringComparer.Ordinal);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var k))
        {
            throw new FormatException("The vapid Authorization header needs both t and k.");
        }

        var publicKey = DecodeBase64Url(k, "k");
        if (publicKey.Length != 65 || publicKey[0] != 0x04)
        {
            throw new FormatException("k is not an uncompressed P-256 point.");
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("t is not a JWS compact serialization (three parts).");
        }
        var headerJson = Encoding.UTF8.GetString(DecodeBase64Url(parts[0], "the JWT header"));
        using (var header = JsonDocument.Parse(headerJson))
        {
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "ES256")
            {
                throw new FormatException("The JWT is not signed with ES256.");
            }
        }

        var signature = DecodeBase64Url(parts[2], "the JWT signature");
        if (signature.Length != 64)
        {
            throw new FormatException($"An ES256 signature is 64 bytes (r || s), not {signature.Length}.");
        }
        try
        {
            using var verifier = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
            });
            var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
            if (!verifier.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                throw new FormatException("The JWT signature does not verify with k.");
            }
        }
        catch (CryptographicException)
        {
            throw new FormatException("k is not a point on P-256.");
        }

        using var claims = JsonDocument.Parse(DecodeBase64Url(parts[1], "the JWT claims"));
        var root = claims.RootElement;
        var audience = root.TryGetProperty("aud", out var aud) ? aud.GetString() : null;
        if (audience != expectedAudience)
        {
            throw new FormatException($"aud is \"{audience}\", not this push service's origin \"{expectedAudience}\".");
        }
        if (!root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
        {
            throw new FormatException("exp is missing or not a number.");
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
        if (expires <= now)
        {
            throw new FormatException("The token has expired.");
        }
        if (expires > now + TimeSpan.FromHours(24))
        {
            throw new FormatException("exp is more than 24 hours ahead.");
        }
        var subject = root.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
        if (string.IsNullOrEmpty(subject))
        {
            throw new FormatException("sub is missing.");
        }
        return new VapidToken(headerJson, audience, expires, subject, publicKey, signature.Length);
    }

    private static byte[] DecodeBase64Url(string text, string what)
    {
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{what} is not base64url.");
        }
    }
}

/// <summary>
/// The browser's side of a subscription: a P-256 key pair and an auth secret, and decryption of
/// "aes128gcm" push messages. Written from the text of RFC 8188 and RFC 8291 (HKDF spelled out as
/// HMAC-SHA-256, as the RFC's pseudo-code has it), not by calling <see cref="PushMessageEncryption"/>.
/// </summary>
public sealed class PushUserAgent : IDisposable
{
    private const int TagLength = 16;

    private readonly ECDiffieHellman _key;

    public PushUserAgent()
        : this(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16))
    {
    }

    /// <summary>A user agent with known keys, for published examples.</summary>
    public PushUserAgent(ECDiffieHellman key, byte[] authSecret)
    {
        _key = key;
        AuthSecret = authSecret;
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>The subscription's p256dh key: 65-byte uncompressed point.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The subscription's auth secret.</summary>
    public byte[] AuthSecret { get; }

    /// <summary>Decrypts one push message body.</summary>
    /// <exception cref="CryptographicException">The body is malformed, was altered, or was not encrypted for this subscription.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> body)
    {
        // RFC 8188 section 2.1: salt (16) | rs (uint32) | idlen (1) | keyid (idlen).
        if (body.Length < 21)
        {
            throw new CryptographicException("The body is shorter than the aes128gcm header.");
        }
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body[16..20]);
        int idLength = body[20];
        if (idLength != 65)
        {
            throw new CryptographicException($"keyid must be the sender's 65-byte public key (RFC 8291 section 4), not {idLength} bytes.");
        }
        if (recordSize < 18)
        {
            throw new CryptographicException($"rs {recordSize} is below the minimum of 18.");
        }
        if (body.Length < 21 + idLength + TagLength + 1)
        {
            throw new CryptographicException("The body is too short to hold a record.");
        }
        var senderPublicKey = body.Slice(21, idLength);
        var record = body[(21 + idLength)..];
        if (record.Length > recordSize)
        {
            throw new CryptographicException($"The record ({record.Length} bytes) is longer than rs ({recordSize}); a push message is one record.");
        }

        byte[] ecdhSecret;
        try
        {
            using var sender = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = senderPublicKey[1..33].ToArray(), Y = senderPublicKey[33..].ToArray() },
            });
            ecdhSecret = _key.DeriveRawSecretAgreement(sender.PublicKey);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException("keyid is not a P-256 public key.", e);
        }

        // RFC 8291 section 3.4. Every HKDF-Expand here needs one HMAC block: info followed by the counter 0x01.
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderPublicKey, 0x01];
        var prkKey = HMACSHA256.HashData(AuthSecret, ecdhSecret);
        var ikm = HMACSHA256.HashData(prkKey, keyInfo);

        // RFC 8188 sections 2.2 and 2.3; the record sequence number is 0, so the nonce is used as derived.
        byte[] cekInfo = [.. "Content-Encoding: aes128gcm\0"u8, 0x01];
        byte[] nonceInfo = [.. "Content-Encoding: nonce\0"u8, 0x01];
        var prk = HMACSHA256.HashData(salt.ToArray(), ikm);
        var cek = HMACSHA256.HashData(prk, cekInfo)[..16];
        var nonce = HMACSHA256.HashData(prk, nonceInfo)[..12];

        var plaintext = new byte[record.Length - TagLength];
        using (var aes = new AesGcm(cek, TagLength))
        {
            aes.Decrypt(nonce, record[..^TagLength], record[^TagLength..], plaintext);
        }

        // RFC 8188 section 2: padding is zeros after a delimiter, 0x02 for the last (here the only) record.
        var end = plaintext.Length - 1;
        while (end >= 0 && plaintext[end] == 0)
        {
            end--;
        }
        if (end < 0 || plaintext[end] != 0x02)
        {
            throw new CryptographicException("The record does not end with the last-record delimiter 0x02.");
        }
        return plaintext[..end];
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>
/// A real push service on 127.0.0.1 that also plays the browser: it checks each POST's VAPID token
/// (audience is its own origin), decrypts the body with its subscription keys, records the message and
/// answers 201, as RFC 8030 section 5 describes. Answers can be scripted per path (410, 429 with
/// Retry-After, 500, or no answer at all) to exercise senders. Safe to use from many threads.
/// </summary>
public sealed class PushEndpoint : IAsyncDisposable
{
    /// <summary>RFC 8030 section 7.2: a push service need accept no more than 4096 bytes of body.</summary>
    public const int MaxBodyLength = 4096;

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<ReceivedPush> _received = [];
    private readonly List<PushAttempt> _attempts = [];
    private readonly Dictionary<string, ScriptedAnswer> _scripted = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<ReceivedPush>> Done)> _waiters = [];
    private Uri? _origin;

    private sealed record ScriptedAnswer(int StatusCode, string? RetryAfter, int? Remaining, bool Stall);

    private PushEndpoint(TimeProvider clock)
    {
        _clock = clock;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(AnswerAsync);
    }

    /// <summary>The subscription keys every target of this endpoint shares.</summary>
    public PushUserAgent UserAgent { get; } = new();

    /// <summary>scheme://host:port, as VAPID tokens must name it in aud.</summary>
    public Uri Origin => _origin ?? throw new InvalidOperationException("The endpoint has not started.");

    /// <summary>Starts listening on a free port. <paramref name="clock"/> judges VAPID expiry; the real clock by default.</summary>
    public static async Task<PushEndpoint> StartAsync(TimeProvider? clock = null)
    {
        var endpoint = new PushEndpoint(clock ?? TimeProvider.System);
        await endpoint._app.StartAsync();
        var address = endpoint._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        endpoint._origin = new Uri(address);
        return endpoint;
    }

    /// <summary>A subscription whose endpoint URL ends in <paramref name="path"/> (e.g. "alice" or "push/42").</summary>
    public PushTarget TargetFor(string path) => new(EndpointFor(path), UserAgent.PublicKey, UserAgent.AuthSecret);

    /// <summary>The endpoint URL for <paramref name="path"/>.</summary>
    public Uri EndpointFor(string path) => new(Origin, path.TrimStart('/'));

    /// <summary>
    /// Answers POSTs to <paramref name="path"/> with <paramref name="statusCode"/> (and a Retry-After header
    /// when given: seconds or an HTTP date) instead of accepting them; for the next <paramref name="times"/>
    /// requests only, or until told otherwise.
    /// </summary>
    public void RespondTo(string path, int statusCode, string? retryAfter = null, int? times = null)
    {
        lock (_gate)
        {
            _scripted[Normalize(path)] = new ScriptedAnswer(statusCode, retryAfter, times, Stall: false);
        }
    }

    /// <summary>Never answers POSTs to <paramref name="path"/>: the request hangs until the client gives up.</summary>
    public void Stall(string path)
    {
        lock (_gate)
        {
            _scripted[Normalize(path)] = new ScriptedAnswer(0, null, null, Stall: true);
        }
    }

    /// <summary>Goes back to accepting messages for <paramref name="path"/>.</summary>
    public void AcceptAgain(string path)
    {
        lock (_gate)
        {
            _scripted.Remove(Normalize(path));
        }
    }

    /// <summary>The messages accepted so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedPush> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Every POST answered so far (accepted, scripted or refused), in order.</summary>
    public IReadOnlyList<PushAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> messages have been accepted. The timeout (30 s unless
    /// given) only stops a broken test from hanging; it is not part of what is tested.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedPush>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        TaskCompletionSource<IReadOnlyList<ReceivedPush>> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_received.Count >= count)
            {
                return [.. _received];
            }
            _waiters.Add((count, done));
        }
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        try
        {
            return await done.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove((count, done));
                throw new TimeoutException($"Only {_received.Count} of {count} push messages arrived within {limit.TotalSeconds:0} s.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        UserAgent.Dispose();
        _stopping.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = Normalize(context.Request.Path.Value ?? "");
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var scripted = TakeScripted(path);
        if (scripted is { Stall: true })
        {
            Record(path, 0, "stalled");
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, either.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the endpoint is stopping: either way there is no one to answer.
            }
            return;
        }
        if (scripted is not null)
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }
            Refuse(context, path, scripted.StatusCode, "scripted");
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            Refuse(context, path, StatusCodes.Status413PayloadTooLarge, $"the body is over {MaxBodyLength} bytes");
            return;
        }
        if (context.Request.Headers.ContentEncoding.ToString() != "aes128gcm")
        {
            Refuse(context, path, StatusCodes.Status400BadRequest, $"Content-Encoding is \"{context.Request.Headers.ContentEncoding}\", not aes128gcm");
            return;
        }
        // RFC 8030 section 5.2: TTL is required.
        if (!int.TryParse(context.Request.Headers["TTL"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl))
        {
            Refuse(context, path, StatusCodes.Status400BadRequest, "TTL is missing or not a whole number of seconds");
            return;
        }

        VapidToken vapid;
        try
        {
            vapid = VapidToken.Verify(context.Request.Headers.Authorization.ToString(), Origin.GetLeftPart(UriPartial.Authority), _clock.GetUtcNow());
        }
        catch (FormatException e)
        {
            Refuse(context, path, StatusCodes.Status401Unauthorized, e.Message);
            return;
        }

        byte[] payload;
        try
        {
            payload = UserAgent.Decrypt(body);
        }
        catch (CryptographicException e)
        {
            Refuse(context, path, StatusCodes.Status400BadRequest, $"decryption failed: {e.Message}");
            return;
        }

        var urgency = context.Request.Headers["Urgency"];
        var topic = context.Request.Headers["Topic"];
        var message = new ReceivedPush(path, payload, ttl, urgency.Count == 0 ? null : urgency.ToString(), topic.Count == 0 ? null : topic.ToString(), vapid);
        int number;
        List<TaskCompletionSource<IReadOnlyList<ReceivedPush>>> satisfied;
        IReadOnlyList<ReceivedPush> snapshot = [];
        lock (_gate)
        {
            _received.Add(message);
            _attempts.Add(new PushAttempt(path, StatusCodes.Status201Created, "accepted"));
            number = _received.Count;
            satisfied = [.. _waiters.Where(w => w.Count <= number).Select(w => w.Done)];
            if (satisfied.Count > 0)
            {
                _waiters.RemoveAll(w => w.Count <= number);
                snapshot = [.. _received];
            }
        }
        foreach (var done in satisfied)
        {
            done.TrySetResult(snapshot);
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = new Uri(Origin, $"message/{number}").ToString();
    }

    private ScriptedAnswer? TakeScripted(string path)
    {
        lock (_gate)
        {
            if (!_scripted.TryGetValue(path, out var answer))
            {
                return null;
            }
            if (answer.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _scripted.Remove(path);
                }
                else
                {
                    _scripted[path] = answer with { Remaining = remaining - 1 };
                }
            }
            return answer;
        }
    }

    private void Refuse(HttpContext context, string path, int statusCode, string reason)
    {
        Record(path, statusCode, reason);
        context.Response.StatusCode = statusCode;
    }

    private void Record(string path, int statusCode, string reason)
    {
        lock (_gate)
        {
            _attempts.Add(new PushAttempt(path, statusCode, reason));
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyLength)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Normalize(string path) => path.TrimStart('/');
}
