using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// The app killed with SIGKILL in the middle of a steady stream of check-ins loses none it acknowledged: after a
/// restart on the same database, every check-in answered 201 or 200 is there (or a later write of the same day that
/// was in flight when the process died). The app runs as a real process, built like the tests, so nothing of it can
/// finish its work after the kill.
/// </summary>
public sealed class CrashTests
{
    private const string Password = "correct horse battery";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Every_acknowledged_check_in_survives_a_kill(string provider)
    {
        await using var database = provider == "Postgres" ? await ScratchPostgres.CreateAsync("limber_crash") : null;
        if (provider == "Postgres" && database is null)
        {
            return;
        }
        var connection = database?.ConnectionString;
        var data = Directory.CreateTempSubdirectory("limber-crash-").FullName;
        try
        {
            var email = $"crash.{Guid.NewGuid():N}@example.test";
            var acknowledged = new Dictionary<string, int>(StringComparer.Ordinal);
            int written;
            using (var first = await AppProcess.StartAsync(data, connection))
            {
                using var http = new HttpClient { BaseAddress = first.BaseAddress };
                await RegisterAsync(http, email);
                http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(http, email));
                (await http.PostAsJsonAsync("/api/v1/me/consents/health-data", new { version = "2026-11" })).StatusCode.ShouldBe(HttpStatusCode.Created);

                // A steady stream: each write names itself in its note; the kill comes while writes keep going.
                using var stop = new CancellationTokenSource();
                var stream = Task.Run(async () =>
                {
                    var i = 0;
                    while (!stop.IsCancellationRequested)
                    {
                        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-(i % 5) - 1).ToString("yyyy-MM-dd");
                        try
                        {
                            using var answer = await http.PostAsJsonAsync("/api/v1/me/checkins", new
                            {
                                date,
                                painNow = i % 11,
                                legSymptoms = false,
                                numbness = false,
                                bladderOrBowelChange = false,
                                note = $"write {i}",
                            });
                            if (answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                            {
                                lock (acknowledged)
                                {
                                    acknowledged[date] = i;
                                }
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return i; // the process is gone
                        }
                        i++;
                    }
                    return i;
                });
                for (var wait = 0; ; wait++)
                {
                    lock (acknowledged)
                    {
                        if (acknowledged.Count == 5 && acknowledged.Values.Max() >= 40)
                        {
                            break;
                        }
                    }
                    stream.IsCompleted.ShouldBeFalse("the stream of check-ins keeps going until the kill");
                    wait.ShouldBeLessThan(6000, "40 check-ins are acknowledged within two minutes");
                    await Task.Delay(20);
                }
                first.Kill();
                written = await stream.WaitAsync(TimeSpan.FromMinutes(1));
                await stop.CancelAsync();
            }

            using var second = await AppProcess.StartAsync(data, connection);
            using var again = new HttpClient { BaseAddress = second.BaseAddress };
            again.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(again, email));
            var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7).ToString("yyyy-MM-dd");
            using var list = await again.GetAsync($"/api/v1/me/checkins?from={from}");
            list.StatusCode.ShouldBe(HttpStatusCode.OK);
            var stored = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("checkIns").EnumerateArray()
                .ToDictionary(c => c.GetProperty("date").GetString()!, c => int.Parse(c.GetProperty("note").GetString()!["write ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (date, last) in acknowledged)
            {
                stored.ShouldContainKey(date);
                stored[date].ShouldBeGreaterThanOrEqualTo(last, $"the check-in of {date} acknowledged as write {last} is there (or a later one)");
                stored[date].ShouldBeLessThanOrEqualTo(written, "nothing is stored that was never sent");
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RegisterAsync(HttpClient http, string email)
    {
        using var answer = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
    }

    private static async Task<string> TokenAsync(HttpClient http, string email)
    {
        using var answer = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The built app (src/Limber.Web, the tests' own configuration) as a process of its own on a free port.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;

        private AppProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<AppProcess> StartAsync(string dataPath, string? postgres)
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Limber.slnx")))
            {
                root = root.Parent;
            }
            root.ShouldNotBeNull("the tests run inside the repository");
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            var web = Path.Combine(root.FullName, "src", "Limber.Web");
            var dll = Path.Combine(web, "bin", configuration, "net10.0", "Limber.Web.dll");
            File.Exists(dll).ShouldBeTrue($"{dll} is built");

            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Limber__DataPath"] = dataPath;
            start.Environment["Limber__Reminders__Dispatch"] = "false";
            if (postgres is not null)
            {
                start.Environment["Limber__Database__Provider"] = "Postgres";
                start.Environment["Limber__Database__ConnectionString"] = postgres;
            }
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            for (var attempt = 0; attempt < 600; attempt++)
            {
                process.HasExited.ShouldBeFalse("the app stays up while starting");
                try
                {
                    using var answer = await http.GetAsync("/api/v1/exercises?pageSize=1");
                    if (answer.IsSuccessStatusCode)
                    {
                        return app;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(100);
            }
            app.Dispose();
            throw new TimeoutException("The app did not start within a minute.");
        }

        /// <summary>SIGKILL: no shutdown, no flushing, nothing of the app runs after it.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }
            _process.Dispose();
        }
    }
}
