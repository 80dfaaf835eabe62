using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;
using Limber.Domain.Safety;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>A request body as sent: its bytes and its content type (none when null).</summary>
public sealed record FuzzBody(byte[] Bytes, string? MediaType)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Bytes);
        return $"[{MediaType ?? "no content type"}, {Bytes.Length} bytes] {(text.Length > 300 ? text[..300] + "…" : text)}";
    }
}

/// <summary>
/// Thousands of random and malformed bodies to every write endpoint of accounts: random JSON, every field with
/// every wrong type, huge strings, deep nesting, random bytes, nothing at all. The answer is never a 5xx, a 4xx is
/// always problem+json, and a refused request stores nothing: every table of the database is counted before
/// and after. One server for the class, requests one at a time, so the counts are this class's alone.
/// </summary>
public sealed class AccountFuzzTests(AccountServer server, ITestOutputHelper output) : IClassFixture<AccountServer>
{
    private const int Bodies = 1500;

    // --- JSON text, written by hand so it can hold what a serializer never writes:
    // lone surrogates, duplicate names, numbers beyond every type.

    /// <summary>A string as JSON, every character outside printable ASCII escaped (so lone surrogates are sent as \uD800).</summary>
    private static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return json.Append('"').ToString();
    }

    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOfConst("0", "-0", "40", "40.0", "4e1", "1e400", "-1e400", "123456789012345678901234567890", "0.0000001", "16", "110", "111", "15"));

    /// <summary>Strings that mean something to some endpoint, and strings that mean nothing.</summary>
    private static Gen<string> Strings(IReadOnlyList<string> meaningful) => Gen.Frequency(
        (3, Gen.OneOfConst([.. meaningful])),
        (2, Gen.String[0, 40]),
        (1, Gen.OneOfConst("", " ", "yes", "no", "unsure", "YES", "seen", "clearedToExercise", "2026-11", "health-data",
            "a@b.c", "name@example.org", "<script>", "' OR 1=1 --", "null", "\u0000", "\ud800", "\udfff\ud800", "👍")),
        (1, Gen.Char.Array[0, 20].Select(c => new string(c))));

    /// <summary>Any JSON value up to <paramref name="depth"/> deep, names drawn from <paramref name="names"/> or anything.</summary>
    private static Gen<string> Json(int depth, IReadOnlyList<string> names, IReadOnlyList<string> meaningful)
    {
        var leaf = Gen.Frequency(
            (1, Gen.OneOfConst("null", "true", "false")),
            (1, Numbers),
            (3, Strings(meaningful).Select(Quote)));
        if (depth == 0)
        {
            return leaf;
        }
        var inner = Json(depth - 1, names, meaningful);
        var name = Gen.Frequency((3, Gen.OneOfConst([.. names])), (1, Strings(meaningful))).Select(Quote);
        return Gen.Frequency(
            (4, leaf),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(name, inner).Array[0, 5].Select(members => "{" + string.Join(",", members.Select(m => m.Item1 + ":" + m.Item2)) + "}")));
    }

    /// <summary>
    /// An object with the endpoint's own fields, each missing, right, or any other JSON value (so every wrong type
    /// in turn), now and then with a field of another name or a field twice.
    /// </summary>
    private static Gen<string> FieldObjects(IReadOnlyDictionary<string, Gen<string>> fields, IReadOnlyList<string> meaningful)
    {
        var names = fields.Keys.ToList();
        var any = Json(2, names, meaningful);
        var members = names.Select(field => Gen.Frequency(
                (2, fields[field].Select(v => (string?)$"{Quote(field)}:{v}")),
                (2, any.Select(v => (string?)$"{Quote(field)}:{v}")),
                (1, Gen.Const((string?)null))))
            .ToArray();
        var extra = Gen.Frequency(
            (6, Gen.Const((string?)null)),
            (1, Gen.Select(Strings(meaningful), any, (n, v) => (string?)$"{Quote(n)}:{v}")),
            (1, Gen.Select(Gen.OneOfConst([.. names]), any, (n, v) => (string?)$"{Quote(n)}:{v}")));
        return Gen.Select(members.Aggregate(Gen.Const(Array.Empty<string?>()), (all, one) => Gen.Select(all, one, (a, o) => (string?[])[.. a, o])), extra, Gen.Int[0, 99],
            (present, more, shuffle) =>
            {
                var list = present.Append(more).OfType<string>().ToList();
                if (list.Count > 1 && shuffle < 30)
                {
                    (list[0], list[^1]) = (list[^1], list[0]);
                }
                return "{" + string.Join(",", list) + "}";
            });
    }

    /// <summary>Every kind of body for an endpoint with these fields.</summary>
    private static Gen<FuzzBody> BodiesFor(IReadOnlyDictionary<string, Gen<string>> fields, IReadOnlyList<string> meaningful)
    {
        var names = fields.Keys.ToList();
        var objects = FieldObjects(fields, meaningful);
        var text = Gen.Frequency(
            (8, objects),
            (3, Json(3, names, meaningful)),
            // A huge string in one field: some under 64 KB, some over.
            (1, Gen.Select(Gen.OneOfConst([.. names]), Gen.Int[1_000, 80_000], Gen.Char["ab\"\\ \u00e9"],
                (name, length, c) => "{" + Quote(name) + ":" + Quote(new string(c, length)) + "}")),
            // Deep nesting, balanced or not, as arrays or as objects.
            (1, Gen.Select(Gen.Int[1, 3_000], Gen.Bool, Gen.Bool, (depth, arrays, balanced) =>
            {
                var open = arrays ? "[" : "{\"a\":";
                var close = arrays ? "]" : "}";
                return string.Concat(Enumerable.Repeat(open, depth)) + "1" + (balanced ? string.Concat(Enumerable.Repeat(close, depth)) : "");
            })),
            // Cut short anywhere.
            (1, Gen.Select(objects, Gen.Int[0, 99], (s, cut) => s[..(s.Length * cut / 100)])),
            (1, Gen.Const("")),
            (1, Gen.OneOfConst("null", "[]", "{}", "\"\"", "0", "true", " ", "\n", "{\"\":null}", "{,}", "{\"a\"}", "[1,]", "\ufeff{}", "{}{}", "{} x")));
        var bytes = Gen.Frequency(
            (12, text.Select(t => Encoding.UTF8.GetBytes(t))),
            // Random bytes: mostly not UTF-8 at all.
            (1, Gen.Byte.Array[0, 300]),
            // JSON in another encoding than the one it claims.
            (1, objects.Select(t => Encoding.Unicode.GetBytes(t))));
        var mediaType = Gen.FrequencyConst<string?>(
            (16, "application/json"),
            (1, "application/json; charset=utf-8"),
            (1, "text/plain"),
            (1, "application/x-www-form-urlencoded"),
            (1, null));
        return Gen.Select(bytes, mediaType, (b, m) => new FuzzBody(b, m));
    }

    // --- sending

    private static async Task<ApiAnswer> SendAsync(HttpClient http, string path, FuzzBody body)
    {
        using var content = new ByteArrayContent(body.Bytes);
        if (body.MediaType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.MediaType);
        }
        return await AccountApi.SendAsync(http, HttpMethod.Post, path, content);
    }

    /// <summary>
    /// Sends <see cref="Bodies"/> bodies one at a time; each must answer 2xx, or 4xx as problem+json. Then every
    /// table must have changed by exactly <paramref name="perAccepted"/> rows for each accepted body, and by none
    /// otherwise. <paramref name="accepts"/>, when given, says which bodies must be accepted (true) or refused (false).
    /// </summary>
    private async Task FuzzAsync(HttpClient http, string path, Gen<FuzzBody> bodies, IReadOnlyDictionary<string, int> perAccepted,
        Func<FuzzBody, bool?>? accepts = null, int mailsPerAccepted = 0)
    {
        var rowsBefore = await server.RowCountsAsync();
        var mailsBefore = server.MailFiles().Count;
        var accepted = 0;
        var statuses = new Dictionary<int, int>();

        await bodies.SampleAsync(async body =>
        {
            var answer = await SendAsync(http, path, body);
            statuses[answer.Code] = statuses.GetValueOrDefault(answer.Code) + 1;
            if (answer.Code is >= 200 and < 300)
            {
                accepted++;
            }
            var shape = answer.Code switch
            {
                >= 500 => false,
                >= 400 => answer.MediaType == "application/problem+json" && JsonDocument.Parse(answer.Text).RootElement.GetProperty("status").GetInt32() == answer.Code,
                >= 200 => true,
                _ => false,
            };
            var expected = accepts?.Invoke(body) is not { } mustAccept || mustAccept == answer.Code is >= 200 and < 300;
            return shape && expected;
        }, iter: Bodies, threads: 1, print: b => b.ToString());

        var rowsAfter = await server.RowCountsAsync();
        var changes = rowsAfter.Keys.Union(rowsBefore.Keys)
            .Select(t => (Table: t, Delta: rowsAfter.GetValueOrDefault(t) - rowsBefore.GetValueOrDefault(t), Expected: (long)perAccepted.GetValueOrDefault(t) * accepted))
            .Where(c => c.Delta != c.Expected)
            .Select(c => $"{c.Table}: {c.Delta:+#;-#;0} rows, expected {c.Expected:+#;-#;0}")
            .ToList();
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        output.WriteLine($"{path}: {accepted} of {Bodies} accepted; answers {summary}");
        changes.ShouldBeEmpty($"{accepted} of {Bodies} bodies accepted ({summary})");
        (server.MailFiles().Count - mailsBefore).ShouldBe(mailsPerAccepted * accepted, $"mails; answers: {summary}");
        statuses.Keys.Count(s => s is >= 400 and < 500).ShouldBeGreaterThan(1, $"the bodies should be refused in more than one way: {summary}");
    }

    // --- the endpoints

    [Fact]
    public async Task Register_never_fails_with_5xx_and_a_refused_body_makes_no_account()
    {
        using var http = server.CreateHttpClient();
        string[] meaningful = [NewEmail("fuzz"), "fuzz-taken@example.org", "a long enough passphrase", "short"];
        var bodies = BodiesFor(new Dictionary<string, Gen<string>>
        {
            ["email"] = Gen.OneOfConst(meaningful[0], meaningful[1], "not-an-address").Select(Quote),
            ["password"] = Gen.OneOfConst(meaningful[2], meaningful[3], new string('p', 300)).Select(Quote),
        }, meaningful);

        await FuzzAsync(http, "/api/v1/auth/register", bodies, new Dictionary<string, int> { ["AspNetUsers"] = 1 }, mailsPerAccepted: 1);
    }

    [Fact]
    public async Task Login_never_fails_with_5xx_and_stores_nothing()
    {
        using var person = await TestPerson.CreateAsync(server, who: "fuzz-login");
        string[] meaningful = [person.Email, person.Password, "a wrong long password", NewEmail("nobody")];
        var bodies = BodiesFor(new Dictionary<string, Gen<string>>
        {
            ["email"] = Gen.OneOfConst(person.Email, meaningful[3]).Select(Quote),
            ["password"] = Gen.OneOfConst(person.Password, meaningful[2]).Select(Quote),
        }, meaningful);

        await FuzzAsync(person.Anonymous, "/api/v1/auth/login", bodies, new Dictionary<string, int>());
    }

    [Fact]
    public async Task Refresh_never_fails_with_5xx_and_stores_nothing()
    {
        using var person = await TestPerson.CreateAsync(server, who: "fuzz-refresh");
        string[] meaningful = [person.RefreshToken, person.AccessToken, person.RefreshToken[..^4], "garbage"];
        var bodies = BodiesFor(new Dictionary<string, Gen<string>>
        {
            ["refreshToken"] = Gen.OneOfConst(meaningful).Select(Quote),
        }, meaningful);

        await FuzzAsync(person.Anonymous, "/api/v1/auth/refresh", bodies, new Dictionary<string, int>());
    }

    [Fact]
    public async Task Giving_consent_never_fails_with_5xx_accepts_only_the_version_in_force_and_stores_nothing_twice()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "fuzz-consent");
        string[] meaningful = [ConsentVersion, "2025-01", "2026-11 ", "health-data"];
        var bodies = BodiesFor(new Dictionary<string, Gen<string>>
        {
            ["version"] = Gen.OneOfConst(Quote(ConsentVersion), Quote("2025-01"), "null"),
        }, meaningful);

        // With the consent already in force, an accepted body changes nothing either.
        await FuzzAsync(person.Http, "/api/v1/me/consents/health-data", bodies, new Dictionary<string, int>(), ConsentAccepted);
        (await person.GetAsync("/api/v1/me")).Json.GetProperty("healthDataConsent").GetProperty("version").GetString().ShouldBe(ConsentVersion);
    }

    /// <summary>
    /// Whether the consent endpoint must accept a body: nothing at all, or JSON naming no field but the version in
    /// force. Null when either answer is right: an empty body labelled as something other than JSON may be accepted
    /// (there is nothing to read) or refused with 415 (the endpoint declares JSON).
    /// </summary>
    private static bool? ConsentAccepted(FuzzBody body)
    {
        var json = body.MediaType?.StartsWith("application/json", StringComparison.Ordinal) == true;
        if (body.Bytes.Length == 0)
        {
            return json || body.MediaType is null ? true : null;
        }
        if (!json)
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(body.Bytes, new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().All(p =>
                p.Name == "version" && (p.Value.ValueKind == JsonValueKind.Null
                    || (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == ConsentVersion)));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Storing_a_screen_never_fails_with_5xx_and_only_an_accepted_screen_is_stored()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "fuzz-screen");
        var ids = WarningSignScreen.Items.Select(i => i.Id).ToList();
        string[] meaningful = [.. ids.Take(6), "yes", "no", "unsure"];
        var answer = Gen.FrequencyConst((12, "\"no\""), (1, "\"yes\""), (1, "\"unsure\""));
        var wrong = Gen.OneOfConst("\"maybe\"", "\"YES\"", "\"\"", "null", "1", "true", "[\"no\"]", "{}");
        // Mostly every item answered, now and then one missing, one more, one twice or one answered wrongly.
        var answers = Gen.Select(answer.Array[ids.Count], Gen.Int[0, 9], Gen.Int[0, ids.Count - 1], wrong, (values, edit, at, bad) =>
        {
            var members = ids.Select((id, i) => $"{Quote(id)}:{values[i]}").ToList();
            switch (edit)
            {
                case 0: members.RemoveAt(at); break;
                case 1: members.Add($"{Quote("headache")}:\"no\""); break;
                case 2: members.Add(members[at]); break;
                case 3: members[at] = $"{Quote(ids[at])}:{bad}"; break;
            }
            return "{" + string.Join(",", members) + "}";
        });
        var bodies = BodiesFor(new Dictionary<string, Gen<string>>
        {
            ["age"] = Gen.Frequency((6, Gen.Int[16, 110].Select(a => a.ToString(CultureInfo.InvariantCulture))), (1, Numbers)),
            ["firstEpisode"] = Gen.OneOfConst("true", "false"),
            ["answers"] = answers,
        }, meaningful);

        await FuzzAsync(person.Http, "/api/v1/me/screens", bodies,
            new Dictionary<string, int> { ["JudgedScreens"] = 1, ["ScreenAnswers"] = ids.Count });
    }

    [Fact]
    public async Task Confirming_never_fails_with_5xx_and_only_an_accepted_confirmation_is_recorded()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "fuzz-confirm");
        var id = (await person.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid();
        string[] meaningful = ["seen", "clearedToExercise", "Seen at the clinic", new string('n', 500), new string('n', 501)];
        var bodies = BodiesFor(new Dictionary<string, Gen<string>>
        {
            ["kind"] = Gen.OneOfConst("seen", "clearedToExercise", "Seen", "cleared").Select(Quote),
            ["note"] = Gen.OneOfConst(meaningful).Select(Quote),
        }, meaningful);

        await FuzzAsync(person.Http, $"/api/v1/me/screens/{id}/confirmation", bodies, new Dictionary<string, int> { ["ReferralConfirmations"] = 1 });
    }

    [Fact]
    public async Task Putting_a_profile_never_fails_with_5xx_and_a_refused_body_changes_nothing()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "fuzz-profile");
        string[] meaningful = ["lowerBack", "hipFront", "onWaking", "sitting", "floor", "chair", "towel", "Europe/London", "09:00", "17:30", "Putting on socks"];
        string List(params string[] names) => "[" + string.Join(",", names.Select(Quote)) + "]";
        var activity = Gen.Select(Gen.OneOfConst("Putting on socks", "putting on socks", "Stairs", "Getting out of a car", "", new string('a', 81)), Gen.Int[-1, 11],
            (name, score) => $"{{\"name\":{Quote(name)},\"score\":{score.ToString(CultureInfo.InvariantCulture)}}}");
        var fields = new Dictionary<string, Gen<string>>
        {
            ["tightAreas"] = Gen.OneOfConst(List("lowerBack"), List("hipFront", "glutes"), List(), List("neck"), List("lowerBack", "lowerBack")),
            ["triggers"] = Gen.OneOfConst(List("onWaking"), List("afterSitting", "atNight"), List(), List("onMonday")),
            ["day"] = Gen.OneOfConst(List("sitting"), List("running", "lifting", "standingWork"), List()),
            ["sittingHoursPerDay"] = Gen.OneOfConst("8", "0", "24", "25", "null"),
            ["positions"] = Gen.OneOfConst(List("floor"), List("chair", "standing"), List(), List("kneeling", "kneeling")),
            ["equipment"] = Gen.OneOfConst(List("chair"), List("towel", "foamRoller"), List(), List("dumbbell")),
            ["minutesPerSession"] = Gen.OneOfConst("5", "10", "30", "12", "0"),
            ["sessionsPerDay"] = Gen.OneOfConst("1", "3", "6", "7", "0"),
            ["workHours"] = Gen.OneOfConst("null", "{\"start\":\"09:00\",\"end\":\"17:30\"}", "{\"start\":\"17:30\",\"end\":\"09:00\"}", "{\"start\":\"9\"}"),
            ["baselinePain"] = Gen.OneOfConst("0", "4", "10", "11", "-1"),
            ["morningStiffnessMinutes"] = Gen.OneOfConst("null", "0", "30", "600", "601"),
            ["activities"] = activity.Array[2, 6].Select(a => "[" + string.Join(",", a) + "]"),
            ["timeZone"] = Gen.OneOfConst("\"Europe/London\"", "null", "\"Mars/Base\"", "\"../etc\""),
        };
        // A valid profile with one field drawn from the values above (valid or not), so that many bodies are accepted too.
        var oneChanged = Gen.OneOf([.. fields.Select(f => f.Value.Select(v => (Field: f.Key, Value: v)))])
            .Select(change =>
            {
                var body = Planning.ProfileApiTests.Body();
                body[change.Field] = System.Text.Json.Nodes.JsonNode.Parse(change.Value);
                return new FuzzBody(Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
            });
        var bodies = Gen.Frequency((3, BodiesFor(fields, meaningful)), (2, oneChanged));
        // Before the first accepted body there is none: a 404, whose trace id differs every time.
        async Task<string> StoredAsync()
        {
            var stored = await person.GetAsync("/api/v1/me/profile");
            return stored.Status == HttpStatusCode.NotFound ? "none" : stored.Text;
        }
        var profileBefore = await StoredAsync();
        var accepted = 0;
        var statuses = new Dictionary<int, int>();

        await bodies.SampleAsync(async body =>
        {
            var rowsBefore = await server.RowCountsAsync();
            using var content = new ByteArrayContent(body.Bytes);
            if (body.MediaType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.MediaType);
            }
            var answer = await AccountApi.SendAsync(person.Http, HttpMethod.Put, "/api/v1/me/profile", content);
            statuses[answer.Code] = statuses.GetValueOrDefault(answer.Code) + 1;
            var profileAfter = await StoredAsync();
            if (answer.Code is >= 200 and < 300)
            {
                accepted++;
                // What the write answered is what is stored.
                var same = profileAfter == answer.Text;
                profileBefore = profileAfter;
                return same;
            }
            var unchanged = profileAfter == profileBefore && (await server.RowCountsAsync()).SequenceEqual(rowsBefore);
            return unchanged && answer.Code is >= 400 and < 500 && answer.MediaType == "application/problem+json"
                && JsonDocument.Parse(answer.Text).RootElement.GetProperty("status").GetInt32() == answer.Code;
        }, iter: 500, threads: 1, print: b => b.ToString());

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        output.WriteLine($"/api/v1/me/profile: {accepted} of 500 accepted; answers {summary}");
        statuses.Keys.Count(s => s is >= 400 and < 500).ShouldBeGreaterThan(1, summary);
        accepted.ShouldBeGreaterThan(20, summary);
    }

    [Fact]
    public async Task Any_screen_id_in_the_path_is_answered_without_5xx()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "fuzz-path");
        var rowsBefore = await server.RowCountsAsync();
        var ids = Gen.Frequency(
            (1, Gen.Guid.Select(g => g.ToString())),
            (3, Gen.Char["0123456789abcdefABCDEF-{}() xyz.~_!$&'*+,;=:@"].Array[1, 60].Select(c => Uri.EscapeDataString(new string(c)))),
            (1, Gen.String[1, 30].Select(Uri.EscapeDataString)));

        await Gen.Select(ids, Gen.Bool).SampleAsync(async (id, confirm) =>
        {
            var answer = confirm
                ? await person.PostAsync($"/api/v1/me/screens/{id}/confirmation", """{"kind":"seen"}""")
                : await person.GetAsync($"/api/v1/me/screens/{id}");
            return answer.Code < 500 && (answer.Code < 400 || answer.MediaType == "application/problem+json");
        }, iter: 500, threads: 1);

        (await server.RowCountsAsync()).ShouldBe(rowsBefore);
    }
}
