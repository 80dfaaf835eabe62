global using Limber.Testing;
using Microsoft.Playwright;

namespace Limber.Browser.Tests;

/// <summary>
/// One running app and one Chromium, shared by every test in the collection; each test opens its own
/// browser context (a <see cref="BrowserTab"/>), so cookies, viewport and emulation never leak between tests.
/// </summary>
public sealed class LimberSite : IAsyncLifetime
{
    public const string Collection = "site";
    public const string ChromiumVariable = "LIMBER_TEST_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _data = Directory.CreateTempSubdirectory("limber-browser-tests-").FullName;
    private LimberServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => (_server ?? throw NotStarted()).BaseAddress;

    /// <summary>The repository's root folder (where Limber.slnx is), for files people look at after a run.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? DefaultChromium;
        if (!File.Exists(chromium))
        {
            // Failing, not skipping: a browser suite that silently skips looks green while testing nothing.
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. Run ./test.sh from the repository root (it installs chromium), "
                + $"or install it with 'apt-get install -y chromium', or set {ChromiumVariable} to a Chromium executable.");
        }
        _server = LimberServer.WithData(_data);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context with one page, pointed at the app; <paramref name="timeZone"/> is the device's (the machine's when null).</summary>
    public Task<BrowserTab> NewTabAsync(
        Screen? screen = null,
        ColorScheme scheme = ColorScheme.Light,
        bool javaScript = true,
        ReducedMotion motion = ReducedMotion.NoPreference,
        string? timeZone = null)
    {
        var size = screen ?? Screen.Desktop;
        return BrowserTab.OpenAsync(_browser ?? throw NotStarted(), new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            ColorScheme = scheme,
            ReducedMotion = motion,
            JavaScriptEnabled = javaScript,
            TimezoneId = timeZone,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file SQLite still holds open goes with the temp folder later.
        }
    }

    private static InvalidOperationException NotStarted() => new("The site fixture has not started.");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Limber.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (Limber.slnx) above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(LimberSite.Collection)]
public sealed class LimberSiteDefinition : ICollectionFixture<LimberSite>;
