using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Limber.Web.Reminders.WebPush;

namespace Limber.Web.Tests.Reminders;

/// <summary>Message encryption (RFC 8291 over RFC 8188) and VAPID keys and tokens (RFC 8292).</summary>
public sealed class WebPushCryptoTests
{
    // RFC 8291 section 5 and Appendix A, with the line breaks and spaces of the printed RFC removed.
    private const string RfcPlaintext = "When I grow up, I want to be a watermelon";
    private const string RfcSenderPublicKey = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string RfcSenderPrivateKey = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string RfcUserAgentPublicKey = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string RfcUserAgentPrivateKey = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string RfcSalt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string RfcAuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string RfcHeader = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string RfcCiphertext = "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ";
    private const string RfcBody =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    // An odd time of day and a non-default port, so a token that ignored either would show.
    private static readonly DateTimeOffset s_now = new(2026, 3, 2, 9, 30, 17, TimeSpan.Zero);
    private static readonly Uri s_endpoint = new("https://push.example.net:8443/wpush/v2/gAAAAABnX3k?src=limber");
    private const string Subject = "mailto:reminders@limber.example";

    // --- RFC 8291 example

    [Fact]
    public void The_transcribed_RFC_example_is_its_header_followed_by_its_ciphertext()
    {
        // Guards the transcription: section 5 prints the body whole, Appendix A prints its two halves.
        var body = Bytes(RfcBody);

        body.ShouldBe([.. Bytes(RfcHeader), .. Bytes(RfcCiphertext)]);
        // 86-byte header + 41-byte message + delimiter + 16-byte tag. (The example request in section 5
        // says Content-Length: 145, one more than its own body decodes to.)
        body.Length.ShouldBe(144);
    }

    [Fact]
    public void Encrypts_the_RFC_8291_example_exactly()
    {
        using var senderKey = RfcKey(RfcSenderPublicKey, RfcSenderPrivateKey);

        var body = PushMessageEncryption.Encrypt(
            Encoding.ASCII.GetBytes(RfcPlaintext), Bytes(RfcUserAgentPublicKey), Bytes(RfcAuthSecret),
            senderKey, Bytes(RfcSalt), recordSize: 4096, paddingLength: 0);

        Base64Url.EncodeToString(body).ShouldBe(RfcBody);
    }

    [Fact]
    public void The_test_user_agent_decrypts_the_RFC_8291_example()
    {
        // Proves the receiving side the other tests rely on against the RFC, not against our own encryption.
        using var userAgent = new PushUserAgent(RfcKey(RfcUserAgentPublicKey, RfcUserAgentPrivateKey), Bytes(RfcAuthSecret));

        Encoding.ASCII.GetString(userAgent.Decrypt(Bytes(RfcBody))).ShouldBe(RfcPlaintext);
    }

    // --- round trips

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(41)]
    [InlineData(1000)]
    [InlineData(3992)]
    [InlineData(3993)] // the most one 4096-byte push message holds
    public void Messages_of_every_allowed_length_decrypt_to_what_was_sent(int length)
    {
        using var userAgent = new PushUserAgent();
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var body = PushMessageEncryption.Encrypt(plaintext, userAgent.PublicKey, userAgent.AuthSecret);

        userAgent.Decrypt(body).ShouldBe(plaintext);
        body.Length.ShouldBe(86 + length + 1 + 16); // header, message, delimiter, tag
        body.Length.ShouldBeLessThanOrEqualTo(4096);
    }

    [Fact]
    public void Every_message_gets_its_own_salt_and_sender_key()
    {
        using var userAgent = new PushUserAgent();
        var plaintext = "Time for your knee routine"u8.ToArray();

        var first = PushMessageEncryption.Encrypt(plaintext, userAgent.PublicKey, userAgent.AuthSecret);
        var second = PushMessageEncryption.Encrypt(plaintext, userAgent.PublicKey, userAgent.AuthSecret);

        first[..16].ShouldNotBe(second[..16]);
        first[21..86].ShouldNotBe(second[21..86]);
        userAgent.Decrypt(first).ShouldBe(userAgent.Decrypt(second));
    }

    [Fact]
    public void The_header_names_record_size_4096_and_the_65_byte_sender_key()
    {
        using var userAgent = new PushUserAgent();

        var body = PushMessageEncryption.Encrypt("x"u8, userAgent.PublicKey, userAgent.AuthSecret);

        body[16..20].ShouldBe(new byte[] { 0x00, 0x00, 0x10, 0x00 });
        body[20].ShouldBe((byte)65);
        body[21].ShouldBe((byte)0x04);
    }

    [Theory]
    [InlineData(0)]  // salt
    [InlineData(40)] // sender public key
    [InlineData(86)] // first byte of ciphertext
    [InlineData(-1)] // last byte of the tag
    public void A_tampered_byte_fails_to_decrypt(int position)
    {
        using var userAgent = new PushUserAgent();
        var body = PushMessageEncryption.Encrypt("Knee routine at 18:00"u8, userAgent.PublicKey, userAgent.AuthSecret);

        body[position < 0 ? body.Length + position : position] ^= 0x01;

        Should.Throw<CryptographicException>(() => userAgent.Decrypt(body));
    }

    [Fact]
    public void A_message_encrypted_with_another_auth_secret_fails_to_decrypt()
    {
        using var userAgent = new PushUserAgent();
        var wrongSecret = RandomNumberGenerator.GetBytes(16);

        var body = PushMessageEncryption.Encrypt("Knee routine at 18:00"u8, userAgent.PublicKey, wrongSecret);

        Should.Throw<CryptographicException>(() => userAgent.Decrypt(body));
    }

    // --- refusals

    [Fact]
    public void A_message_over_3993_bytes_is_refused()
    {
        using var userAgent = new PushUserAgent();

        var e = Should.Throw<ArgumentException>(() =>
            PushMessageEncryption.Encrypt(new byte[3994], userAgent.PublicKey, userAgent.AuthSecret));

        e.ParamName.ShouldBe("plaintext");
        e.Message.ShouldContain("3994 bytes");
        e.Message.ShouldContain("at most 3993 bytes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)] // a compressed point
    [InlineData(64)] // an uncompressed point without its 0x04
    [InlineData(66)]
    public void A_p256dh_key_of_the_wrong_length_is_refused(int length)
    {
        var e = Should.Throw<ArgumentException>(() =>
            PushMessageEncryption.Encrypt("x"u8, new byte[length], new byte[16]));

        e.ParamName.ShouldBe("userAgentPublicKey");
        e.Message.ShouldContain($"65-byte uncompressed P-256 point, not {length} bytes");
    }

    [Fact]
    public void A_p256dh_key_not_starting_with_0x04_is_refused()
    {
        var key = Bytes(RfcUserAgentPublicKey);
        key[0] = 0x03;

        var e = Should.Throw<ArgumentException>(() => PushMessageEncryption.Encrypt("x"u8, key, Bytes(RfcAuthSecret)));

        e.ParamName.ShouldBe("userAgentPublicKey");
        e.Message.ShouldContain("starting with 0x04, not 0x03");
    }

    [Fact]
    public void A_p256dh_key_off_the_curve_is_refused()
    {
        var key = Bytes(RfcUserAgentPublicKey);
        key[^1] ^= 0x01;

        var e = Should.Throw<ArgumentException>(() => PushMessageEncryption.Encrypt("x"u8, key, Bytes(RfcAuthSecret)));

        e.ParamName.ShouldBe("userAgentPublicKey");
        e.Message.ShouldContain("not a point on the P-256 curve");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(32)]
    public void An_auth_secret_of_the_wrong_length_is_refused(int length)
    {
        var e = Should.Throw<ArgumentException>(() =>
            PushMessageEncryption.Encrypt("x"u8, Bytes(RfcUserAgentPublicKey), new byte[length]));

        e.ParamName.ShouldBe("authSecret");
        e.Message.ShouldContain($"16 bytes, not {length}");
    }

    [Fact]
    public void A_sender_key_on_another_curve_is_refused()
    {
        using var senderKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

        var e = Should.Throw<ArgumentException>(() => PushMessageEncryption.Encrypt(
            "x"u8, Bytes(RfcUserAgentPublicKey), Bytes(RfcAuthSecret), senderKey, Bytes(RfcSalt), 4096, 0));

        e.ParamName.ShouldBe("senderKey");
        e.Message.ShouldContain("P-256");
    }

    // --- VAPID

    [Fact]
    public void A_VAPID_token_verifies_with_its_public_key_and_names_the_push_service()
    {
        using var keys = VapidKeys.Generate();

        var authorization = keys.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.FromHours(12));

        authorization.ShouldStartWith("vapid t=");
        authorization.ShouldEndWith($", k={keys.PublicKeyBase64Url}");
        var token = VapidToken.Verify(authorization, "https://push.example.net:8443", s_now);
        token.HeaderJson.ShouldBe("""{"typ":"JWT","alg":"ES256"}""");
        token.Audience.ShouldBe("https://push.example.net:8443");
        token.Expires.ShouldBe(s_now.AddHours(12));
        token.Subject.ShouldBe(Subject);
        token.PublicKey.ShouldBe(keys.PublicKey);
        token.SignatureLength.ShouldBe(64);
    }

    [Fact]
    public void A_VAPID_token_fails_for_another_push_service_and_once_expired()
    {
        using var keys = VapidKeys.Generate();
        var authorization = keys.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.FromHours(1));

        Should.Throw<FormatException>(() => VapidToken.Verify(authorization, "https://push.example.net", s_now))
            .Message.ShouldContain("aud");
        Should.Throw<FormatException>(() => VapidToken.Verify(authorization, "https://push.example.net:8443", s_now.AddHours(1)))
            .Message.ShouldContain("expired");
    }

    [Fact]
    public void A_VAPID_token_signed_by_another_key_does_not_verify()
    {
        using var keys = VapidKeys.Generate();
        using var other = VapidKeys.Generate();
        var authorization = keys.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.FromHours(1));

        var forged = authorization.Replace(keys.PublicKeyBase64Url, other.PublicKeyBase64Url, StringComparison.Ordinal);

        Should.Throw<FormatException>(() => VapidToken.Verify(forged, "https://push.example.net:8443", s_now))
            .Message.ShouldContain("signature");
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/dKq3:APA91b", "https://fcm.googleapis.com")]
    [InlineData("https://updates.push.services.mozilla.com:443/wpush/v2/gAAAAA", "https://updates.push.services.mozilla.com")]
    [InlineData("https://Web.Push.Apple.com/QGpY", "https://web.push.apple.com")]
    [InlineData("http://127.0.0.1:5099/alice", "http://127.0.0.1:5099")]
    public void The_audience_is_the_origin_of_the_endpoint(string endpoint, string audience)
    {
        using var keys = VapidKeys.Generate();

        var authorization = keys.AuthorizationFor(new Uri(endpoint), Subject, s_now, TimeSpan.FromHours(12));

        VapidToken.Verify(authorization, audience, s_now).Audience.ShouldBe(audience);
    }

    [Fact]
    public void A_lifetime_of_24_hours_is_the_longest_allowed()
    {
        using var keys = VapidKeys.Generate();

        var token = VapidToken.Verify(keys.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.FromHours(24)), "https://push.example.net:8443", s_now);

        token.Expires.ShouldBe(s_now.AddHours(24));
        Should.Throw<ArgumentOutOfRangeException>(() => keys.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1)))
            .ParamName.ShouldBe("lifetime");
        Should.Throw<ArgumentOutOfRangeException>(() => keys.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.Zero))
            .ParamName.ShouldBe("lifetime");
    }

    [Theory]
    [InlineData("https://limber.example/contact")]
    [InlineData("mailto:reminders@limber.example")]
    public void Subjects_may_be_mailto_or_https(string subject)
    {
        using var keys = VapidKeys.Generate();

        var authorization = keys.AuthorizationFor(s_endpoint, subject, s_now, TimeSpan.FromHours(1));

        VapidToken.Verify(authorization, "https://push.example.net:8443", s_now).Subject.ShouldBe(subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("reminders@limber.example")] // an address without mailto:
    [InlineData("mailto:")]
    [InlineData("http://limber.example")] // not https
    [InlineData("ftp://limber.example")]
    [InlineData("Limber reminders")]
    public void A_subject_that_is_neither_mailto_nor_https_is_refused(string subject)
    {
        using var keys = VapidKeys.Generate();

        var e = Should.Throw<ArgumentException>(() => keys.AuthorizationFor(s_endpoint, subject, s_now, TimeSpan.FromHours(1)));

        e.ParamName.ShouldBe("subject");
        e.Message.ShouldContain("mailto:");
    }

    [Fact]
    public void Tokens_made_on_many_threads_at_once_all_verify()
    {
        // One VapidKeys serves every send of a dispatcher.
        using var keys = VapidKeys.Generate();

        var tokens = Enumerable.Range(0, 200).AsParallel()
            .Select(i => keys.AuthorizationFor(new Uri($"https://push.example.net/{i}"), Subject, s_now, TimeSpan.FromHours(12)))
            .ToList();

        tokens.ShouldAllBe(t => VapidToken.Verify(t, "https://push.example.net", s_now).Subject == Subject);
    }

    [Fact]
    public void The_base64url_public_key_is_what_pushManager_subscribe_takes()
    {
        using var keys = VapidKeys.Generate();

        keys.PublicKeyBase64Url.Length.ShouldBe(87); // 65 bytes, no padding
        keys.PublicKeyBase64Url.ShouldNotContain("=");
        keys.PublicKeyBase64Url.ShouldStartWith("B"); // 0x04
        Base64Url.DecodeFromChars(keys.PublicKeyBase64Url).ShouldBe(keys.PublicKey);
        keys.PublicKey.Length.ShouldBe(65);
    }

    [Fact]
    public void Import_round_trips_Generate()
    {
        using var generated = VapidKeys.Generate();

        using var imported = VapidKeys.Import(generated.PublicKey, generated.ExportPrivateKey());

        imported.PublicKey.ShouldBe(generated.PublicKey);
        imported.ExportPrivateKey().ShouldBe(generated.ExportPrivateKey());
        imported.ExportPrivateKey().Length.ShouldBe(32);
        var token = VapidToken.Verify(imported.AuthorizationFor(s_endpoint, Subject, s_now, TimeSpan.FromHours(1)), "https://push.example.net:8443", s_now);
        token.PublicKey.ShouldBe(generated.PublicKey);
    }

    [Fact]
    public void Import_refuses_a_private_key_from_another_pair()
    {
        using var one = VapidKeys.Generate();
        using var other = VapidKeys.Generate();

        var e = Should.Throw<ArgumentException>(() => VapidKeys.Import(one.PublicKey, other.ExportPrivateKey()));

        e.ParamName.ShouldBe("privateKey");
        e.Message.ShouldContain("does not belong to the public key");
    }

    [Fact]
    public void Import_refuses_malformed_keys()
    {
        using var keys = VapidKeys.Generate();
        var offCurve = keys.PublicKey;
        offCurve[^1] ^= 0x01;
        var order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

        Should.Throw<ArgumentException>(() => VapidKeys.Import(keys.PublicKey.AsSpan(1), keys.ExportPrivateKey())).ParamName.ShouldBe("publicKey");
        Should.Throw<ArgumentException>(() => VapidKeys.Import(offCurve, keys.ExportPrivateKey())).Message.ShouldContain("not a point on the P-256 curve");
        Should.Throw<ArgumentException>(() => VapidKeys.Import(keys.PublicKey, keys.ExportPrivateKey().AsSpan(1))).Message.ShouldContain("32 bytes, not 31");
        Should.Throw<ArgumentException>(() => VapidKeys.Import(keys.PublicKey, new byte[32])).ParamName.ShouldBe("privateKey");
        Should.Throw<ArgumentException>(() => VapidKeys.Import(keys.PublicKey, order)).ParamName.ShouldBe("privateKey");
    }

    private static byte[] Bytes(string base64Url) => Base64Url.DecodeFromChars(base64Url);

    private static ECDiffieHellman RfcKey(string publicKey, string privateKey)
    {
        var q = Bytes(publicKey);
        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = q[1..33], Y = q[33..] },
            D = Bytes(privateKey),
        });
    }
}
