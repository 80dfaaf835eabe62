using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Limber.Web.Reminders.WebPush;

/// <summary>
/// Encrypts a push message for one subscription: RFC 8291 key derivation over the "aes128gcm"
/// content coding of RFC 8188. The push service only ever sees the encrypted body.
/// </summary>
public static class PushMessageEncryption
{
    /// <summary>The record size written into every header; a push message is one record (RFC 8291 section 4).</summary>
    public const int RecordSize = 4096;

    /// <summary>
    /// Push services need accept no more than 4096 bytes of body (RFC 8030 section 7.2): the 86-byte
    /// header, the 0x02 delimiter and the 16-byte tag leave 3993 bytes for the message itself.
    /// </summary>
    public const int MaxPlaintextLength = MaxBodyLength - HeaderLength - 1 - TagLength;

    private const int MaxBodyLength = 4096;
    private const int SaltLength = 16;
    private const int AuthSecretLength = 16;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + P256Point.EncodedLength;
    private const int CekLength = 16;
    private const int NonceLength = 12;

    // RFC 8188 section 2: a record must hold the delimiter and the tag.
    private const int MinRecordSize = TagLength + 2;

    private const byte LastRecordDelimiter = 0x02;

    private static readonly byte[] s_keyInfoLabel = Encoding.ASCII.GetBytes("WebPush: info\0");
    private static readonly byte[] s_cekInfo = Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0");
    private static readonly byte[] s_nonceInfo = Encoding.ASCII.GetBytes("Content-Encoding: nonce\0");

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for the subscription whose keys are given, with a random
    /// salt and a fresh sender key, so no two bodies are alike even for the same message.
    /// </summary>
    /// <param name="userAgentPublicKey">The subscription's p256dh key: a 65-byte uncompressed P-256 point.</param>
    /// <param name="authSecret">The subscription's 16-byte auth secret.</param>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret)
    {
        using var senderKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Span<byte> salt = stackalloc byte[SaltLength];
        RandomNumberGenerator.Fill(salt);
        return Encrypt(plaintext, userAgentPublicKey, authSecret, senderKey, salt, RecordSize, paddingLength: 0);
    }

    /// <summary>The same encryption with the sender key, salt and padding chosen by the caller, so a published example can be reproduced.</summary>
    internal static byte[] Encrypt(
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> userAgentPublicKey,
        ReadOnlySpan<byte> authSecret,
        ECDiffieHellman senderKey,
        ReadOnlySpan<byte> salt,
        int recordSize,
        int paddingLength)
    {
        ArgumentNullException.ThrowIfNull(senderKey);
        var userAgentPoint = P256Point.Read(userAgentPublicKey, "p256dh public key", nameof(userAgentPublicKey));
        if (authSecret.Length != AuthSecretLength)
        {
            throw new ArgumentException($"The auth secret must be {AuthSecretLength} bytes, not {authSecret.Length}.", nameof(authSecret));
        }
        if (salt.Length != SaltLength)
        {
            throw new ArgumentException($"The salt must be {SaltLength} bytes, not {salt.Length}.", nameof(salt));
        }
        if (recordSize < MinRecordSize)
        {
            throw new ArgumentOutOfRangeException(nameof(recordSize), recordSize, $"A record size below {MinRecordSize} cannot hold the delimiter and the tag.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(paddingLength);

        var recordLength = plaintext.Length + 1 + paddingLength + TagLength;
        var maxRecordLength = Math.Min(recordSize, MaxBodyLength - HeaderLength);
        if (recordLength > maxRecordLength)
        {
            var room = maxRecordLength - 1 - paddingLength - TagLength;
            throw new ArgumentException(
                $"The message is {plaintext.Length} bytes, but a push message is one record and holds at most {Math.Max(room, 0)} bytes here (body at most {MaxBodyLength} bytes, record size {recordSize}, padding {paddingLength}).",
                nameof(plaintext));
        }

        if (senderKey.KeySize != 256)
        {
            throw new ArgumentException($"The sender key must be a P-256 key, not a {senderKey.KeySize}-bit one.", nameof(senderKey));
        }
        // Read back through the same checks as the subscription key, which also refuses another 256-bit curve.
        var senderPublicKey = P256Point.Write(senderKey.ExportParameters(includePrivateParameters: false).Q);
        P256Point.Read(senderPublicKey, "sender public key", nameof(senderKey));

        var body = new byte[HeaderLength + recordLength];
        salt.CopyTo(body);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength, 4), (uint)recordSize);
        body[SaltLength + 4] = P256Point.EncodedLength;
        senderPublicKey.CopyTo(body.AsSpan(SaltLength + 5));

        Span<byte> cek = stackalloc byte[CekLength];
        Span<byte> nonce = stackalloc byte[NonceLength];
        DeriveContentKeys(senderKey, userAgentPoint, userAgentPublicKey, senderPublicKey, authSecret, salt, cek, nonce);

        var record = new byte[recordLength - TagLength];
        try
        {
            plaintext.CopyTo(record);
            record[plaintext.Length] = LastRecordDelimiter;
            using var aes = new AesGcm(cek, TagLength);
            var ciphertext = body.AsSpan(HeaderLength, record.Length);
            aes.Encrypt(nonce, record, ciphertext, body.AsSpan(HeaderLength + record.Length, TagLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
            CryptographicOperations.ZeroMemory(cek);
            CryptographicOperations.ZeroMemory(nonce);
        }
        return body;
    }

    private static void DeriveContentKeys(
        ECDiffieHellman senderKey,
        ECPoint userAgentPoint,
        ReadOnlySpan<byte> userAgentPublicKey,
        ReadOnlySpan<byte> senderPublicKey,
        ReadOnlySpan<byte> authSecret,
        ReadOnlySpan<byte> salt,
        Span<byte> cek,
        Span<byte> nonce)
    {
        using var userAgentKey = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = userAgentPoint });
        var ecdhSecret = senderKey.DeriveRawSecretAgreement(userAgentKey.PublicKey);

        Span<byte> keyInfo = stackalloc byte[s_keyInfoLabel.Length + 2 * P256Point.EncodedLength];
        s_keyInfoLabel.CopyTo(keyInfo);
        userAgentPublicKey.CopyTo(keyInfo[s_keyInfoLabel.Length..]);
        senderPublicKey.CopyTo(keyInfo[(s_keyInfoLabel.Length + P256Point.EncodedLength)..]);

        Span<byte> ikm = stackalloc byte[32];
        try
        {
            // RFC 8291 section 3.4 mixes the auth secret in first, so the push service cannot decrypt
            // even if it learns the subscription's public key; RFC 8188 section 2.2 and 2.3 then give key and nonce.
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, ikm, authSecret, keyInfo);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, cek, salt, s_cekInfo);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, nonce, salt, s_nonceInfo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ecdhSecret);
            CryptographicOperations.ZeroMemory(ikm);
        }
    }
}

/// <summary>
/// P-256 keys in the forms Web Push passes them around: a 65-byte uncompressed point
/// (0x04 || X || Y) and a 32-byte private scalar.
/// </summary>
internal static class P256Point
{
    public const int EncodedLength = 65;
    public const int CoordinateLength = 32;

    // SEC 2 section 2.4.2 (secp256r1): y^2 = x^3 - 3x + b over the field of p; n is the group order.
    private static readonly BigInteger s_p = Parse("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
    private static readonly BigInteger s_b = Parse("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
    private static readonly BigInteger s_n = Parse("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    /// <summary>
    /// Reads an uncompressed point and checks it lies on the curve: RFC 8291 section 7 requires it,
    /// since a point off the curve can make the key agreement leak the private key.
    /// </summary>
    public static ECPoint Read(ReadOnlySpan<byte> encoded, string what, string paramName)
    {
        if (encoded.Length != EncodedLength)
        {
            throw new ArgumentException($"The {what} must be a {EncodedLength}-byte uncompressed P-256 point, not {encoded.Length} bytes.", paramName);
        }
        if (encoded[0] != 0x04)
        {
            throw new ArgumentException($"The {what} must be an uncompressed P-256 point starting with 0x04, not 0x{encoded[0]:x2}.", paramName);
        }
        var x = encoded.Slice(1, CoordinateLength);
        var y = encoded.Slice(1 + CoordinateLength, CoordinateLength);
        if (!IsOnCurve(ToInteger(x), ToInteger(y)))
        {
            throw new ArgumentException($"The {what} is not a point on the P-256 curve.", paramName);
        }
        return new ECPoint { X = x.ToArray(), Y = y.ToArray() };
    }

    public static byte[] Write(ECPoint point)
    {
        if (point.X is not { Length: CoordinateLength } || point.Y is not { Length: CoordinateLength })
        {
            throw new ArgumentException("The key is not a P-256 key.", nameof(point));
        }
        var encoded = new byte[EncodedLength];
        encoded[0] = 0x04;
        point.X.CopyTo(encoded, 1);
        point.Y.CopyTo(encoded, 1 + CoordinateLength);
        return encoded;
    }

    public static void CheckPrivateScalar(ReadOnlySpan<byte> d, string paramName)
    {
        if (d.Length != CoordinateLength)
        {
            throw new ArgumentException($"The private key must be {CoordinateLength} bytes, not {d.Length}.", paramName);
        }
        var value = ToInteger(d);
        if (value.IsZero || value >= s_n)
        {
            throw new ArgumentException("The private key is not a valid P-256 private key (it must lie between 1 and the group order).", paramName);
        }
    }

    private static bool IsOnCurve(BigInteger x, BigInteger y)
    {
        if (x >= s_p || y >= s_p)
        {
            return false;
        }
        var left = BigInteger.ModPow(y, 2, s_p);
        var right = ((BigInteger.ModPow(x, 3, s_p) - 3 * x + s_b) % s_p + s_p) % s_p;
        return left == right;
    }

    private static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static BigInteger Parse(string hex) => ToInteger(Convert.FromHexString(hex));
}
