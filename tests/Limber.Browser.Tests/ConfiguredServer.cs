using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Limber.Browser.Tests;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, started the same way as <see cref="LimberServer"/> but with
/// settings of its own, which <see cref="LimberServer"/> has no way to take. By default: the security stamp is
/// checked on every request (<c>Limber:Accounts:SecurityStampCheckSeconds=0</c>), so "sign out everywhere" can be
/// seen in another browser at once rather than after the default 30 seconds; and an allowance of sign-in and
/// sign-up attempts no test reaches, since every browser test comes from the same address and the default
/// allowance (10 a minute) is meant for people, not for a test suite.
/// </summary>
public sealed class ConfiguredServer : WebApplicationFactory<global::Program>
{
    private static readonly Dictionary<string, string?> Defaults = new(StringComparer.Ordinal)
    {
        ["Limber:Accounts:SecurityStampCheckSeconds"] = "0",
        ["Limber:Accounts:AttemptsPerMinute"] = "100000",
    };

    private readonly Dictionary<string, string?> _settings;

    // xunit fixtures may have one public constructor only, so the variant with other settings is a factory.
    public ConfiguredServer()
        : this(null)
    {
    }

    private ConfiguredServer(IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = new Dictionary<string, string?>(Defaults, StringComparer.Ordinal);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        DataPath = Directory.CreateTempSubdirectory("limber-browser-configured-").FullName;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    /// <summary>A server with these settings on top of the defaults.</summary>
    public static ConfiguredServer With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>The address Kestrel actually bound, port included.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>The data folder: <c>limber.db</c>, and the mails in <c>mail/</c>.</summary>
    public string DataPath { get; }

    public string MailFolder => Path.Combine(DataPath, "mail");

    /// <summary>An absolute address on this server, for a browser tab whose base address is another server's.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Limber:DataPath", DataPath);
        // With no address set, the app would ask for its default port, which a copy someone is running may hold.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
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
