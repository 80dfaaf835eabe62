using System.Text.Json;
using System.Text.Json.Serialization;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Coaching;
using Limber.Web.Accounts.Mail;
using Limber.Web.Catalogue;
using Limber.Web.Guides;
using Limber.Web.Illustration;
using Limber.Web.Planning;
using Limber.Web.Progress;
using Limber.Web.Reminders;
using Limber.Web.Reminders.WebPush;
using Limber.Web.Sessions;
using Limber.Web.Safety;
using Limber.Web.Components;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Limber.Web.Hosting;

/// <summary>Thrown when the app must not start; its message says why, for the console.</summary>
public sealed class StartupException(string message) : Exception(message);

/// <summary>Builds the one Limber host: pages, API, storage and content.</summary>
public static class LimberApp
{
    public const int DefaultPort = 5080;

    public static WebApplication Build(string[] args)
    {
        // The slim builder: no IIS integration and no HTTP/3 (QUIC), which Limber never uses, and their assemblies are not
        // loaded (about 2 MB of idle memory). Kestrel's HTTPS settings are added back below; logging is the console's.
        var builder = WebApplication.CreateSlimBuilder(ApplyPortArgument(args));
        builder.WebHost.UseKestrelHttpsConfiguration();
        var config = builder.Configuration;
        // Defaults under every other source (environment, command line, appsettings an operator adds): a line per
        // request from the framework is noise for operators, and slows every request under load (bench/load).
        config.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });

        // The default address unless the operator chose one (ASPNETCORE_URLS, --urls, --port or Limber:Port).
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]))
        {
            var port = config.GetValue("Limber:Port", DefaultPort);
            builder.WebHost.UseUrls($"http://localhost:{port}");
        }

        // Serve the build's static files in every environment, so `dotnet run` works without publishing.
        builder.WebHost.UseStaticWebAssets();

        var folder = ContentFolder.Locate(config[ContentFolder.ConfigKey]);
        var load = ContentFolder.Load(folder);
        if (load.Catalogue is null)
        {
            throw new StartupException(
                $"Limber cannot start: the content in {folder} has {load.Problems.Count} problem(s).{Environment.NewLine}"
                + string.Join(Environment.NewLine, load.Problems)
                + $"{Environment.NewLine}Fix them, then check with: dotnet run --project src/Limber.Web -- content check");
        }

        var services = builder.Services;
        services.AddSingleton(load.Catalogue);
        try
        {
            services.AddSingleton(new FhirExport(load.Catalogue, config["Limber:PublicUrl"]));
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"Limber cannot start: {e.Message}");
        }
        services.AddSingleton(ContentFolder.LoadGuides(folder, load.Catalogue).LibraryOrThrow());
        // The templates coaches start a client's program from (issue 10); checked with the rest of the content above.
        services.AddSingleton(ContentFolder.LoadPrograms(folder, load.Catalogue).TemplatesOrThrow());
        services.AddSingleton<FigureCache>();
        services.AddSingleton(new SiteSettings(string.IsNullOrWhiteSpace(config["Limber:Region"]) ? null : config["Limber:Region"]!.Trim().ToUpperInvariant()));
        services.AddSingleton(TimeProvider.System);
        // Data lives beside where Limber is started (./data), not inside the build output.
        services.AddSingleton(Limber.Web.Planning.ProgressionConfiguration.FromConfiguration(config));
        services.AddLimberStorage(config, Directory.GetCurrentDirectory());
        // First of all hosted services: the data-protection key ring reads its table at start.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigration>());

        try
        {
            services.AddLimberAccounts(config, builder.Environment);
            services.AddLimberMail(config, DatabaseSettings.DataFolder(config, Directory.GetCurrentDirectory()));
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"Limber cannot start: {e.Message}");
        }
        services.AddScoped<AccountMail>();
        services.AddSingleton<PendingScreen>();
        try
        {
            var kept = Limber.Web.Planning.PlanCache.SizeFrom(config);
            services.AddSingleton(s => new Limber.Web.Planning.PlanCache(kept, s.GetRequiredService<TimeProvider>()));
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"Limber cannot start: {e.Message}");
        }
        services.AddScoped<Limber.Web.Planning.PersonalPlans>();
        services.AddScoped<Limber.Web.Safety.ScreenDueReader>();
        services.AddScoped<Limber.Web.Progress.ProgressReader>();
        services.AddScoped<Limber.Web.Coaching.CoachAccess>();
        services.AddScoped<Limber.Web.Coaching.CoachDashboardReader>();
        services.AddScoped<Limber.Web.Coaching.CoachPrograms>();
        AddReminders(services, config);
        services.AddLimberHealth();
        services.AddCatalogueCache();

        // SQL text at Information is noise for operators; health data is never logged either way
        // (EF Core's sensitive-data logging stays off).
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        services.AddRazorComponents();
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Limber API";
            doc.Info.Version = "v1";
            doc.Info.Description = "Limber, a wellness app for a stiff lower back and tight hips: the exercise catalogue, the warning-sign screen, accounts and the person's own data.";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });

        // HTTPS only for a year once a browser has seen Limber over HTTPS (sent on HTTPS answers only, never to localhost).
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        var trustForwarded = config.GetValue("Limber:TrustForwardedHeaders", false);
        if (trustForwarded)
        {
            // Behind a reverse proxy on this machine that terminates TLS: take the client's address and scheme from it.
            services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        }

        var app = builder.Build();

        if (trustForwarded)
        {
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/openapi"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found"));
        // Routing after the status-code pages, so a re-executed request is routed to the not-found page.
        app.UseRouting();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // Only ever sent over HTTPS; a browser then refuses plain HTTP to this host for a year.
            app.UseHsts();
        }
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache();
        app.UseCatalogueCompression();

        app.MapLimberHealth();
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapCatalogueApi();
        app.MapSafetyApi();
        app.MapAuthApi();
        app.MapMeApi();
        app.MapProfileApi();
        app.MapRoutineApi();
        app.MapRoutineHandout();
        app.MapScreenRecheck();
        app.MapSessionApi();
        app.MapTimelineApi();
        app.MapProgressApi();
        app.MapCheckInApi();
        app.MapAccountEndpoints();
        app.MapPasskeyEndpoints();
        app.MapFigures();
        app.MapGuidesApi();
        app.MapReminderApi();
        app.MapCoachLinkApi();
        app.MapCoachDashboardApi();
        app.MapCoachProgramApi();
        app.MapRazorComponents<App>();

        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app, folder, load.Catalogue.All.Count));
        // Start-up leaves garbage behind (the content read, the data model built); once the app is serving, one full
        // compacting collection gives that memory back to the system instead of holding it while idle.
        app.Lifetime.ApplicationStarted.Register(static () =>
            ThreadPool.QueueUserWorkItem(static _ => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true)));
        return app;
    }

    private static void AddReminders(IServiceCollection services, IConfiguration config)
    {
        PushSettings push;
        try
        {
            push = PushSettings.FromConfiguration(config);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"Limber cannot start: {e.Message}");
        }
        services.AddSingleton(push);
        services.AddSingleton<PushKeyring>();
        // Push services answer at once; never follow a redirect, so a push endpoint cannot send Limber elsewhere. One
        // client for the app's life, made at the first push, so an app that sends none never loads the HTTP client;
        // its connections are renewed every 2 minutes (as the client factory's handlers were) to follow DNS changes.
        services.AddSingleton(_ => new PushSender(new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = TimeSpan.FromSeconds(15),
        }));
        services.AddSingleton<ReminderDispatcher>();
        services.AddHostedService(s => s.GetRequiredService<ReminderDispatcher>());
    }

    /// <summary><c>--port 5090</c> is shorthand for <c>--Limber:Port=5090</c>.</summary>
    private static string[] ApplyPortArgument(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length)
            {
                result.Add($"--Limber:Port={args[++i]}");
            }
            else
            {
                result.Add(args[i]);
            }
        }
        return [.. result];
    }

    private static void AnnounceAddresses(WebApplication app, string folder, int exercises)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = app.Services.DescribeDatabase();
        foreach (var address in addresses)
        {
            Console.WriteLine($"Limber is running at {address}");
        }
        Console.WriteLine($"  content:  {exercises} exercises from {folder}");
        Console.WriteLine($"  database: {database}");
        Console.WriteLine($"  mail:     {app.Services.GetRequiredService<MailSettings>().Describe()}");
        if (AccountRegistration.SecureCookies(app.Configuration, app.Environment)
            && addresses.Any(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
            && !app.Configuration.GetValue("Limber:TrustForwardedHeaders", false))
        {
            Console.WriteLine("  note:     sign-in cookies are sent over HTTPS only (Limber:SecureCookies), but Limber listens on plain HTTP.");
            Console.WriteLine("            Serve it over HTTPS or behind a TLS proxy (Limber:TrustForwardedHeaders=true), or set Limber:SecureCookies=false.");
        }
        Console.WriteLine("  Press Ctrl+C to stop.");
    }
}

/// <summary>Brings the database schema up to date before the server takes requests.</summary>
internal sealed class DatabaseMigration(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.MigrateLimberDatabaseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
