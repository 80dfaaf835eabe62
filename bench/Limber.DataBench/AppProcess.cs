using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Limber.DataBench;

/// <summary>
/// The built app (src/Limber.Web) as a process of its own on a spare 127.0.0.1 port, configured as deployed
/// (Production) on the generated database, except what plain http on 127.0.0.1 needs (cookies without Secure) and the
/// sign-in rate limit, raised so that the bench's own handful of sign-ins is never refused. Its output goes to a log
/// file in its working folder, shown when it fails.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, Uri address, string logPath)
    {
        _process = process;
        _log = log;
        Address = address;
        LogPath = logPath;
    }

    public Uri Address { get; }
    public string LogPath { get; }

    public static async Task<AppProcess> StartAsync(
        string dll, string repo, string connectionString, string workFolder, IReadOnlyList<string> settings, string? pidFile,
        Action<string> say, CancellationToken ct)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"No built app at {dll}: run `dotnet build -c Release src/Limber.Web` first (bench/data/run.sh does).");
        }
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var address = new Uri($"http://127.0.0.1:{port}");
        var data = Path.Combine(workFolder, "data");
        Directory.CreateDirectory(data);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        env["Limber__ContentPath"] = Path.Combine(repo, "content");
        env["Limber__DataPath"] = data;
        env["Limber__Database__Provider"] = "Postgres";
        env["Limber__Database__ConnectionString"] = connectionString;
        env["Limber__SecureCookies"] = "false";
        env["Limber__Accounts__RequireConfirmedEmail"] = "false";
        env["Limber__Accounts__AttemptsPerMinute"] = "1000";
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--app-setting takes NAME=VALUE, not '{setting}'.");
            }
            env[setting[..equals]] = setting[(equals + 1)..];
        }

        var logPath = Path.Combine(workFolder, "app.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        if (pidFile is not null)
        {
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, log, address, logPath);
        say($"Starting Limber at {address} (working folder {workFolder})");

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                app.Dispose();
                throw new InvalidOperationException($"Limber stopped while starting (exit code {process.ExitCode}); its log:\n{Tail(logPath)}");
            }
            try
            {
                using var answer = await http.GetAsync(new Uri("/api/v1/exercises?pageSize=1", UriKind.Relative), ct);
                if (answer.IsSuccessStatusCode)
                {
                    say($"Limber answers after {watch.Elapsed.TotalSeconds:F1} s");
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // a slow first answer
            }
            await Task.Delay(250, ct);
        }
        app.Dispose();
        throw new InvalidOperationException($"Limber did not answer within 2 minutes; its log:\n{Tail(logPath)}");
    }

    public string Tail(int lines = 40) => Tail(LogPath, lines);

    private static string Tail(string path, int lines = 40)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(the log could not be read: {e.Message})";
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the last lines after the bench stopped the app
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                if (_process.WaitForExit(10_000))
                {
                    _process.WaitForExit(); // and its output read to the end
                }
            }
        }
        catch (InvalidOperationException)
        {
            // gone already
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
