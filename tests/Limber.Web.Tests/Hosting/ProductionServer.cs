using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// The real app as it runs in a deployment: the Production environment (so no Development leniency: secure
/// cookies, HSTS), on a real Kestrel port on 127.0.0.1, over HTTPS with a self-signed certificate made for the
/// run, or over plain HTTP with <see cref="PlainHttp"/>. Its data is in a throw-away folder.
/// </summary>
public sealed class ProductionServer : WebApplicationFactory<global::Program>
{
    private readonly X509Certificate2? _certificate;

    // xunit fixtures may have one public constructor only, so the plain-HTTP variant is a factory.
    public ProductionServer()
        : this(https: true)
    {
    }

    private ProductionServer(bool https)
    {
        DataPath = Directory.CreateTempSubdirectory("limber-production-").FullName;
        _certificate = https ? SelfSignedCertificate.ForLocalhost() : null;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate);
            }
        }));
        StartServer();
    }

    /// <summary>The same app in Production over plain HTTP, with no <c>Limber:SecureCookies</c> override.</summary>
    public static ProductionServer PlainHttp() => new(https: false);

    /// <summary>The address Kestrel actually bound, scheme and port included.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public string DataPath { get; }

    /// <summary>
    /// A client that trusts this server's own certificate (and no other), keeps cookies like a browser, and
    /// does not follow redirects. <paramref name="host"/> is sent as the Host header: the HSTS middleware never
    /// sends its header to localhost or 127.0.0.1, so a test of HSTS names the site as a deployment would be named.
    /// </summary>
    public HttpClient CreateBrowserLikeClient(string? host = null)
    {
        var pinned = _certificate?.GetCertHashString(HashAlgorithmName.SHA256);
#pragma warning disable CA2000 // The client owns the handler and disposes it.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    pinned is not null && certificate?.GetCertHashString(HashAlgorithmName.SHA256) == pinned,
            },
        };
#pragma warning restore CA2000
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = BaseAddress };
        if (host is not null)
        {
            client.DefaultRequestHeaders.Host = host;
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Limber:DataPath", DataPath);
        // With no address set, the app would ask for its default port, which a copy someone is running may hold.
        builder.UseSetting("urls", _certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _certificate?.Dispose();
        }
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite is cleaned up with the temp folder later.
        }
    }
}

/// <summary>A certificate for a test server on this machine, made on the spot and never stored.</summary>
internal static class SelfSignedCertificate
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>CN=localhost, for the names localhost and 127.0.0.1, valid for a day, with its private key.</summary>
    public static X509Certificate2 ForLocalhost()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], critical: false));

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Through PKCS#12 and back, so the private key is one Kestrel's TLS can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
