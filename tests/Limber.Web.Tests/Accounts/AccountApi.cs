using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;

namespace Limber.Web.Tests.Accounts;

/// <summary>One answer of the API: status, headers, and the body as JSON when it is JSON.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string Text, HttpResponseHeaders Headers, byte[] Bytes)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public int Code => (int)Status;

    public override string ToString() => $"{Code} {MediaType}: {(Text.Length > 2000 ? Text[..2000] : Text)}";

    /// <summary>Asserts a problem+json answer with this status, and returns it.</summary>
    public JsonElement ShouldBeProblem(HttpStatusCode status)
    {
        Status.ShouldBe(status, ToString());
        MediaType.ShouldBe("application/problem+json", ToString());
        var json = Json;
        json.GetProperty("status").GetInt32().ShouldBe((int)status, ToString());
        json.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace(ToString());
        return json;
    }

    /// <summary>Asserts a 400 problem+json with an error message under <paramref name="field"/>.</summary>
    public JsonElement ShouldNameField(string field)
    {
        var json = ShouldBeProblem(HttpStatusCode.BadRequest);
        json.TryGetProperty("errors", out var errors).ShouldBeTrue(ToString());
        errors.TryGetProperty(field, out var messages).ShouldBeTrue($"no error for '{field}' in {this}");
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        return json;
    }
}

/// <summary>Plain HTTP calls to the API, and the bodies the tests send.</summary>
internal static class AccountApi
{
    public const string ConsentVersion = "2026-11";

    public static Uri Path(string path) => new(path, UriKind.Relative);

    public static async Task<ApiAnswer> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, Path(path)) { Content = content };
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = mediaType is "application/zip" ? "" : Encoding.UTF8.GetString(bytes);
        return new ApiAnswer(response.StatusCode, mediaType, text, response.Headers, bytes);
    }

    public static async Task<ApiAnswer> PostAsync(HttpClient http, string path, string body, string mediaType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        return await SendAsync(http, HttpMethod.Post, path, content);
    }

    public static Task<ApiAnswer> PostAsync(HttpClient http, string path, JsonNode body) => PostAsync(http, path, body.ToJsonString());

    public static Task<ApiAnswer> GetAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Get, path);

    public static Task<ApiAnswer> DeleteAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Delete, path);

    public static JsonObject Credentials(string email, string password) => new() { ["email"] = email, ["password"] = password };

    /// <summary>An address no other test uses.</summary>
    public static string NewEmail(string who = "person") => $"{who}.{Guid.NewGuid():N}@example.org";

    /// <summary>A complete screen: every item answered "no" unless <paramref name="yes"/> or <paramref name="answers"/> say otherwise.</summary>
    public static JsonObject Screen(int age = 40, bool firstEpisode = false, IEnumerable<string>? yes = null, Action<JsonObject>? answers = null)
    {
        var all = new JsonObject();
        var yesIds = (yes ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var item in WarningSignScreen.Items)
        {
            all[item.Id] = yesIds.Contains(item.Id) ? "yes" : "no";
        }
        answers?.Invoke(all);
        return new JsonObject { ["age"] = age, ["firstEpisode"] = firstEpisode, ["answers"] = all };
    }

    /// <summary>A screen judged emergency: new saddle numbness.</summary>
    public static JsonObject EmergencyScreen() => Screen(yes: ["saddle_numbness"]);

    /// <summary>A screen judged urgent: a past cancer.</summary>
    public static JsonObject UrgentScreen() => Screen(yes: ["cancer_history"]);

    /// <summary>A screen judged routine: 54 and a first episode.</summary>
    public static JsonObject RoutineScreen() => Screen(age: 54, firstEpisode: true);

    /// <summary>Every file of a zip, by name, as text.</summary>
    public static IReadOnlyDictionary<string, string> ReadZip(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = reader.ReadToEnd();
        }
        return files;
    }
}

/// <summary>
/// Someone with an account on the server, signed in over the API, with a client that sends their bearer token.
/// </summary>
internal sealed class TestPerson : IDisposable
{
    private TestPerson(AccountServer server, string email, string password, Guid id)
    {
        Server = server;
        Email = email;
        Password = password;
        Id = id;
        Http = server.CreateHttpClient();
        Anonymous = server.CreateHttpClient();
    }

    public AccountServer Server { get; }

    public string Email { get; }

    public string Password { get; }

    public Guid Id { get; }

    /// <summary>Sends the current access token.</summary>
    public HttpClient Http { get; }

    /// <summary>Sends no token.</summary>
    public HttpClient Anonymous { get; }

    public string AccessToken { get; private set; } = "";

    public string RefreshToken { get; private set; } = "";

    /// <summary>Registers a new account, signs in and, when asked, gives the health-data consent.</summary>
    public static async Task<TestPerson> CreateAsync(AccountServer server, bool consent = false, string who = "person")
    {
        var email = AccountApi.NewEmail(who);
        var password = $"correct horse {Guid.NewGuid():N}";
        using var http = server.CreateHttpClient();
        var registered = await AccountApi.PostAsync(http, "/api/v1/auth/register", AccountApi.Credentials(email, password));
        registered.Status.ShouldBe(HttpStatusCode.Created, registered.ToString());
        var person = new TestPerson(server, email, password, registered.Json.GetProperty("id").GetGuid());
        await person.SignInAsync();
        if (consent)
        {
            (await person.PostAsync("/api/v1/me/consents/health-data", "")).Status.ShouldBe(HttpStatusCode.Created);
        }
        return person;
    }

    /// <summary>Signs in with the password and uses the new tokens from now on.</summary>
    public async Task SignInAsync()
    {
        var answer = await AccountApi.PostAsync(Anonymous, "/api/v1/auth/login", AccountApi.Credentials(Email, Password));
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        UseTokens(answer.Json);
    }

    public void UseTokens(JsonElement tokens)
    {
        AccessToken = tokens.GetProperty("accessToken").GetString()!;
        RefreshToken = tokens.GetProperty("refreshToken").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
    }

    public Task<ApiAnswer> GetAsync(string path) => AccountApi.GetAsync(Http, path);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await AccountApi.SendAsync(Http, method, path, content);
    }

    public Task<ApiAnswer> DeleteAsync(string path) => AccountApi.DeleteAsync(Http, path);

    public Task<ApiAnswer> PostAsync(string path, JsonNode body) => AccountApi.PostAsync(Http, path, body);

    public Task<ApiAnswer> PostAsync(string path, string body, string mediaType = "application/json") =>
        AccountApi.PostAsync(Http, path, body, mediaType);

    /// <summary>Stores a screen and answers the stored screen and the routine gate after it.</summary>
    public async Task<(JsonElement Screen, JsonElement Routines, ApiAnswer Answer)> StoreScreenAsync(JsonObject screen)
    {
        var answer = await PostAsync("/api/v1/me/screens", screen);
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        var json = answer.Json;
        return (json.GetProperty("screen"), json.GetProperty("routines"), answer);
    }

    public async Task<ApiAnswer> ConfirmAsync(Guid screenId, string kind, string? note = null)
    {
        var body = new JsonObject { ["kind"] = kind };
        if (note is not null)
        {
            body["note"] = note;
        }
        return await PostAsync($"/api/v1/me/screens/{screenId}/confirmation", body);
    }

    /// <summary>The export, unpacked: every file by name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExportAsync()
    {
        var answer = await GetAsync("/api/v1/me/export");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.MediaType.ShouldBe("application/zip");
        return AccountApi.ReadZip(answer.Bytes);
    }

    public void Dispose()
    {
        Http.Dispose();
        Anonymous.Dispose();
    }
}
