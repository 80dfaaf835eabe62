using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Limber.DataBench;

/// <summary>The timings of one kind of request, in milliseconds, and its target when the issue sets one.</summary>
internal sealed record Timing(string Request, string Who, IReadOnlyList<double> Millis, double? TargetP95)
{
    /// <summary>Nearest rank: the smallest sample with at least <paramref name="percent"/> % of the samples at or below it.</summary>
    public double Percentile(double percent)
    {
        var sorted = Millis.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public bool? Met => TargetP95 is { } target ? Percentile(95) < target : null;
}

/// <summary>Who the measured requests are made as, from the generated population.</summary>
internal sealed record BenchAccounts(
    string CoachEmail, int Clients, string ProgressEmail, Guid ProgressId, string ExportEmail, IReadOnlyList<(string Email, Guid Id)> Deletions);

/// <summary>
/// Times the app's heaviest reads and the account deletion over real HTTP, one request after another from one client
/// (a kept-alive connection): each timing is from sending the request to having read the whole answer. Every answer
/// must be 2xx and look right (the dashboard has every client, the progress a year of days, the export is a zip, a
/// deleted person is gone from the database); anything else stops the run.
/// </summary>
internal sealed partial class Measurement(Uri address, string connectionString, Action<string> say, CancellationToken ct) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>The reads <c>--only</c> can pick, in the order they run.</summary>
    public static readonly string[] Reads = ["dashboard", "client-progress", "progress", "page", "export", "delete"];

    public async Task<IReadOnlyList<Timing>> RunAsync(
        BenchAccounts accounts, int warmUp, int requests, int exports, int deletions, IReadOnlySet<string> only)
    {
        var timings = new List<Timing>();
        bool Runs(string read) => only.Count == 0 || only.Contains(read);

        if (Runs("dashboard") || Runs("client-progress"))
        {
            var coach = await SignInAsync(accounts.CoachEmail);
            if (Runs("dashboard"))
            {
                timings.Add(await RepeatAsync("GET /api/v1/coach/clients", $"the coach, {accounts.Clients} clients", coach, "/api/v1/coach/clients",
                    warmUp, requests, 100, body =>
                    {
                        var clients = body.RootElement.GetProperty("clients");
                        Expect(clients.GetArrayLength() == accounts.Clients, $"the dashboard lists {clients.GetArrayLength()} clients, not {accounts.Clients}");
                    }));
            }
            if (Runs("client-progress"))
            {
                timings.Add(await RepeatAsync("GET /api/v1/coach/clients/{id}/progress", "the coach, one client (the one below)", coach,
                    $"/api/v1/coach/clients/{accounts.ProgressId}/progress", warmUp, requests, null, ExpectYear));
            }
        }
        if (Runs("progress"))
        {
            var person = await SignInAsync(accounts.ProgressEmail);
            timings.Add(await RepeatAsync("GET /api/v1/me/progress", "a client with a year of data", person, "/api/v1/me/progress",
                warmUp, requests, 50, ExpectYear));
        }
        if (Runs("page"))
        {
            timings.Add(await ProgressPageAsync(accounts.ProgressEmail, warmUp, requests));
        }
        if (Runs("export"))
        {
            var exporter = await SignInAsync(accounts.ExportEmail);
            timings.Add(await ExportAsync(exporter, Math.Min(warmUp, 2), exports));
        }
        if (Runs("delete"))
        {
            timings.Add(await DeletionsAsync(accounts.Deletions, deletions));
        }
        return timings;
    }

    private async Task<Timing> RepeatAsync(
        string name, string who, string token, string path, int warmUp, int count, double? target, Action<JsonDocument> check)
    {
        say($"{name}: {warmUp} to warm up, {count} timed");
        var millis = new List<double>(count);
        for (var i = 0; i < warmUp + count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var (took, body) = await SendAsync(request, name);
            if (i == 0)
            {
                using var json = JsonDocument.Parse(body);
                check(json);
            }
            if (i >= warmUp)
            {
                millis.Add(took);
            }
        }
        return new Timing(name, who, millis, target);
    }

    private async Task<Timing> ProgressPageAsync(string email, int warmUp, int count)
    {
        const string name = "GET /progress (the page)";
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var page = new HttpClient(cookies) { BaseAddress = _http.BaseAddress, Timeout = _http.Timeout };

        // The sign-in form, with its antiforgery token, as a browser sends it.
        var form = await page.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), ct);
        string Field(string field) => Input().Matches(form).Select(m => m.Value)
            .Where(input => input.Contains($"name=\"{field}\"", StringComparison.Ordinal))
            .Select(input => InputValue().Match(input).Groups[1].Value).FirstOrDefault()
            ?? throw new InvalidOperationException($"No {field} field in /account/sign-in.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = WebUtility.HtmlDecode(Field("_handler")),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Field("__RequestVerificationToken")),
            ["email"] = email,
            ["password"] = Population.Password,
            ["remember"] = "yes",
        });
        using (var signIn = await page.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content, ct))
        {
            Expect(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
                $"the sign-in form answered {(int)signIn.StatusCode}, not a redirect");
        }
        Expect(cookies.CookieContainer.GetAllCookies().Any(c => c.Name.StartsWith("limber.auth", StringComparison.Ordinal)),
            "the sign-in form set no limber.auth cookie");

        say($"{name}: {warmUp} to warm up, {count} timed");
        var millis = new List<double>(count);
        for (var i = 0; i < warmUp + count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var answer = await page.GetAsync(new Uri("/progress", UriKind.Relative), ct);
            var html = await answer.Content.ReadAsStringAsync(ct);
            watch.Stop();
            Expect(answer.IsSuccessStatusCode, $"GET /progress answered {(int)answer.StatusCode}");
            if (i == 0)
            {
                Expect(html.Contains("<svg", StringComparison.Ordinal) && html.Contains("Pain as a table", StringComparison.Ordinal),
                    "GET /progress shows no charts (signed out, or no data?)");
            }
            if (i >= warmUp)
            {
                millis.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        return new Timing(name, "the same client, signed in with the cookie", millis, 50);
    }

    private async Task<Timing> ExportAsync(string token, int warmUp, int count)
    {
        const string name = "GET /api/v1/me/export";
        say($"{name}: {warmUp} to warm up, {count} timed");
        var millis = new List<double>();
        long bytes = 0;
        for (var i = 0; i < warmUp + count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/export");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var (took, body) = await SendAsync(request, name);
            Expect(body.Length > 4 && body[0] == 'P' && body[1] == 'K', "the export is not a zip");
            bytes = body.Length;
            if (i >= warmUp)
            {
                millis.Add(took);
            }
        }
        return new Timing(name, $"another client with a year of data ({bytes / 1024.0:N0} KB zip)", millis, null);
    }

    private async Task<Timing> DeletionsAsync(IReadOnlyList<(string Email, Guid Id)> people, int count)
    {
        const string name = "DELETE /api/v1/me";
        Expect(people.Count >= count + 1, $"only {people.Count} people to delete; {count + 1} needed");
        say($"{name}: 1 to warm up, {count} timed, each a different person with a year of data");
        var millis = new List<double>();
        for (var i = 0; i <= count; i++)
        {
            var (email, id) = people[i];
            var token = await SignInAsync(email);
            Expect(await RowsOfAsync(id) > 0, "the person to delete has no sessions");
            using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var (took, _) = await SendAsync(request, name);
            Expect(await RowsOfAsync(id) == 0, "a deleted person still has an account or sessions");
            if (i > 0)
            {
                millis.Add(took);
            }
        }
        return new Timing(name, "people who used Limber all year", millis, null);
    }

    private async Task<long> RowsOfAsync(Guid personId)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """SELECT (SELECT count(*) FROM "AspNetUsers" WHERE "Id" = $1) + (SELECT count(*) FROM "Sessions" WHERE "PersonId" = $1)""", db);
        command.Parameters.AddWithValue(personId);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<string> SignInAsync(string email)
    {
        using var answer = await _http.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password = Population.Password }, ct);
        var body = await answer.Content.ReadAsStringAsync(ct);
        Expect(answer.IsSuccessStatusCode, $"signing in as one of the generated people answered {(int)answer.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private async Task<(double Millis, byte[] Body)> SendAsync(HttpRequestMessage request, string name)
    {
        var watch = Stopwatch.StartNew();
        using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var body = await answer.Content.ReadAsByteArrayAsync(ct);
        watch.Stop();
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{name} answered {(int)answer.StatusCode}: {System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 600)])}");
        }
        return (watch.Elapsed.TotalMilliseconds, body);
    }

    private static void ExpectYear(JsonDocument body)
    {
        var days = body.RootElement.GetProperty("pain").GetArrayLength();
        Expect(days >= 300, $"the progress has {days} days, not a year");
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex InputValue();

    public void Dispose() => _http.Dispose();
}
