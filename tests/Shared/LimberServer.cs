using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Limber.Testing;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, talking HTTP as any client would, with its data in a
/// folder of its own: a throw-away one unless the test names one. Shared by the web and browser tests. Settings of
/// a test's own go on top of the defaults, which give every test an allowance of sign-in attempts no test reaches
/// (every test comes from 127.0.0.1; the limit itself is tested on a server with a small one).
/// </summary>
public class LimberServer : WebApplicationFactory<global::Program>
{
    private static readonly Dictionary<string, string?> Defaults = new(StringComparer.Ordinal)
    {
        ["Limber:Accounts:AttemptsPerMinute"] = "100000",
    };

    private readonly bool _ownsData;
    private readonly Dictionary<string, string?> _settings;

    public LimberServer()
        : this(null, null)
    {
    }

    /// <summary>A server keeping its data in <paramref name="dataPath"/>, which the caller cleans up.</summary>
    public static LimberServer WithData(string dataPath) => new(dataPath, null);

    // xunit fixtures may have one public constructor only, so the variants are factories or subclasses.
    protected LimberServer(string? dataPath, IReadOnlyDictionary<string, string?>? settings)
    {
        _ownsData = dataPath is null;
        DataPath = dataPath ?? Directory.CreateTempSubdirectory("limber-tests-").FullName;
        _settings = new Dictionary<string, string?>(Defaults, StringComparer.Ordinal);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    /// <summary>The address Kestrel actually bound, port included.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>The data folder: <c>limber.db</c>, and the mails in <c>mail/</c>.</summary>
    public string DataPath { get; }

    public string MailFolder => Path.Combine(DataPath, "mail");

    /// <summary>An absolute address on this server, for a browser tab whose base address is another server's.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Every log line the app has written, at every level, for tests that check what never gets logged.</summary>
    public IReadOnlyCollection<string> LogLines => _logs.Lines;

    private readonly LogCapture _logs = new();

    public HttpClient CreateHttpClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Limber:DataPath", DataPath);
        // With no address set, the app would ask for its default port, which a copy someone is running may hold.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Every line the app can write, the framework's per-request lines included (Limber turns those down by
        // default): the log privacy tests search them all.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(_logs);
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_ownsData)
        {
            return;
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

/// <summary>Keeps every formatted log message, with its category and any exception text.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
