using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Limber.Web.Reminders.WebPush;

/// <summary>
/// The application server's P-256 key pair (RFC 8292, "VAPID"). Browsers bind each subscription
/// to the public key, and push services accept a message only with a token signed by the private key.
/// </summary>
public sealed class VapidKeys : IDisposable
{
    /// <summary>RFC 8292 section 2: a push service may refuse a token that expires more than 24 hours ahead.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    // The header never changes, so it is encoded once.
    private static readonly string s_jwtHeader = Base64Url.EncodeToString("""{"typ":"JWT","alg":"ES256"}"""u8);

    private readonly ECDsa _key;
    private readonly byte[] _publicKey;

    // ECDsa instances are not documented as safe for concurrent use, and one VapidKeys serves every send.
    private readonly Lock _signing = new();
    private bool _disposed;

    private VapidKeys(ECDsa key)
    {
        _key = key;
        _publicKey = P256Point.Write(key.ExportParameters(includePrivateParameters: false).Q);
        PublicKeyBase64Url = Base64Url.EncodeToString(_publicKey);
    }

    /// <summary>A new random key pair.</summary>
    public static VapidKeys Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a stored pair, refusing one whose halves do not belong together.</summary>
    /// <param name="publicKey">The 65-byte uncompressed point.</param>
    /// <param name="privateKey">The 32-byte private scalar d.</param>
    public static VapidKeys Import(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> privateKey)
    {
        var q = P256Point.Read(publicKey, "VAPID public key", nameof(publicKey));
        P256Point.CheckPrivateScalar(privateKey, nameof(privateKey));

        var d = privateKey.ToArray();
        ECDsa? key = null;
        try
        {
            key = ECDsa.Create();
            try
            {
                key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q, D = d });
            }
            catch (CryptographicException)
            {
                throw new ArgumentException("The VAPID private key does not belong to the public key.", nameof(privateKey));
            }

            // Not every platform checks that Q = d·G on import, so prove it: a signature made with d
            // must verify with the public key alone.
            using var publicOnly = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q });
            ReadOnlySpan<byte> probe = "VapidKeys.Import"u8;
            var signature = key.SignData(probe, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            if (!publicOnly.VerifyData(probe, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                throw new ArgumentException("The VAPID private key does not belong to the public key.", nameof(privateKey));
            }

            var keys = new VapidKeys(key);
            key = null;
            return keys;
        }
        finally
        {
            key?.Dispose();
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>The public key as a 65-byte uncompressed point (a copy).</summary>
    public byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <summary>The public key as the browser's <c>pushManager.subscribe</c> takes it for <c>applicationServerKey</c>.</summary>
    public string PublicKeyBase64Url { get; }

    /// <summary>The 32-byte private scalar d, for storing the pair; keep it secret.</summary>
    public byte[] ExportPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var d = _key.ExportParameters(includePrivateParameters: true).D!;
        if (d.Length == P256Point.CoordinateLength)
        {
            return d;
        }
        // Left-pad in case a platform trims leading zero bytes.
        var padded = new byte[P256Point.CoordinateLength];
        d.CopyTo(padded, P256Point.CoordinateLength - d.Length);
        CryptographicOperations.ZeroMemory(d);
        return padded;
    }

    /// <summary>
    /// The Authorization header value for a message to <paramref name="endpoint"/>:
    /// <c>vapid t=&lt;JWT&gt;, k=&lt;public key&gt;</c> (RFC 8292 section 3).
    /// </summary>
    /// <param name="subject">How the push service can reach us: a <c>mailto:</c> or <c>https:</c> URI.</param>
    /// <param name="lifetime">How long the token stays valid; at most 24 hours.</param>
    public string AuthorizationFor(Uri endpoint, string subject, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The push endpoint must be an absolute http or https URL.", nameof(endpoint));
        }
        CheckSubject(subject);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A VAPID token must expire within 24 hours and not before it is made.");
        }

        // The audience is the push service's origin; GetLeftPart leaves out a default port, as an origin does.
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        var expires = (now + lifetime).ToUnixTimeSeconds();

        var claims = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(claims))
        {
            json.WriteStartObject();
            json.WriteString("aud", audience);
            json.WriteNumber("exp", expires);
            json.WriteString("sub", subject);
            json.WriteEndObject();
        }

        var signingInput = $"{s_jwtHeader}.{Base64Url.EncodeToString(claims.WrittenSpan)}";
        var signingBytes = Encoding.ASCII.GetBytes(signingInput);
        byte[] signature;
        lock (_signing)
        {
            // JWS ES256 (RFC 7518 section 3.4) is r || s, 32 bytes each, not DER.
            signature = _key.SignData(signingBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        return $"vapid t={signingInput}.{Base64Url.EncodeToString(signature)}, k={PublicKeyBase64Url}";
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _key.Dispose();
        }
    }

    private static void CheckSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        // RFC 8292 section 2.1: the contact is a mailto: or an https: URI, so a push service operator can reach us.
        var valid = Uri.TryCreate(subject, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeMailto ? subject.Length > "mailto:".Length && subject.Contains('@', StringComparison.Ordinal)
                : uri.Scheme == Uri.UriSchemeHttps && subject.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && uri.Host.Length > 0);
        if (!valid)
        {
            throw new ArgumentException($"The VAPID subject must be a mailto: address or an https:// URL, not \"{subject}\".", nameof(subject));
        }
    }
}
