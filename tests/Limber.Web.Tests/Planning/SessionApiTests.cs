using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Planning;

/// <summary>Sessions over real HTTP: stored once per Idempotency-Key, validated field by field, and followed by the doses.</summary>
[Collection(AccountServerCollection.Name)]
public sealed class SessionApiTests(AccountServer server)
{
    private const string Sessions = "/api/v1/me/sessions";

    internal static async Task<TestPerson> ReadyAsync(AccountServer server, string who)
    {
        var person = await TestPerson.CreateAsync(server, consent: true, who: who);
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(AccountApi.Screen());
        return person;
    }

    internal static async Task<JsonElement> RoutineAsync(TestPerson person)
    {
        var routine = await person.GetAsync("/api/v1/me/routine");
        routine.Status.ShouldBe(HttpStatusCode.OK, routine.ToString());
        return routine.Json;
    }

    internal static JsonObject Session(JsonElement routine, string feedback = "aboutRight", int worstPain = 1, Func<JsonElement, bool>? only = null)
    {
        var exercises = new JsonArray();
        foreach (var item in routine.GetProperty("items").EnumerateArray().Where(i => only?.Invoke(i) ?? true))
        {
            exercises.Add(new JsonObject
            {
                ["exerciseId"] = item.GetProperty("exerciseId").GetString(),
                ["completed"] = true,
                ["feedback"] = feedback,
                ["worstPain"] = worstPain,
            });
        }
        return new JsonObject
        {
            ["date"] = routine.GetProperty("date").GetString(),
            ["startedAt"] = DateTimeOffset.UtcNow.AddMinutes(-12).ToString("O"),
            ["finishedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
            ["painBefore"] = 3,
            ["worstPain"] = worstPain,
            ["exercises"] = exercises,
        };
    }

    internal static async Task<ApiAnswer> PostAsync(TestPerson person, JsonNode body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AccountApi.Path(Sessions))
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        using var response = await person.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, System.Text.Encoding.UTF8.GetString(bytes), response.Headers, bytes);
    }

    [Fact]
    public async Task The_same_session_sent_twice_with_one_key_is_stored_once_and_another_body_with_that_key_is_refused()
    {
        using var person = await ReadyAsync(server, "session-once");
        var body = Session(await RoutineAsync(person));
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(person, body, key);
        first.Status.ShouldBe(HttpStatusCode.Created, first.ToString());
        var again = await PostAsync(person, body, key);
        again.Status.ShouldBe(HttpStatusCode.OK, again.ToString());
        again.Json.GetProperty("id").GetString().ShouldBe(first.Json.GetProperty("id").GetString());
        first.Json.GetProperty("idempotencyKey").GetString().ShouldBe(key);

        var list = await person.GetAsync(Sessions);
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        list.Json.GetProperty("sessions").GetArrayLength().ShouldBe(1);

        body["worstPain"] = 2;
        (await PostAsync(person, body, key)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)
            .GetProperty("title").GetString()!.ShouldContain("Idempotency-Key");
        (await person.GetAsync(Sessions)).Json.GetProperty("sessions").GetArrayLength().ShouldBe(1);

        // A second session of the day under its own key is a second session.
        (await PostAsync(person, body, Guid.NewGuid().ToString())).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync(Sessions)).Json.GetProperty("sessions").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_session_store_it_once()
    {
        using var person = await ReadyAsync(server, "session-race");
        var body = Session(await RoutineAsync(person));
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(person, body, key)));
        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", answers.Select(a => a.ToString())));
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.OK);
        (await person.GetAsync(Sessions)).Json.GetProperty("sessions").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Too_much_pain_steps_the_dose_back_and_the_routine_follows_it()
    {
        using var person = await ReadyAsync(server, "session-regress");
        var routine = await RoutineAsync(person);
        var first = routine.GetProperty("items")[0];
        var id = first.GetProperty("exerciseId").GetString()!;
        first.GetProperty("doseOrigin").GetString().ShouldBe("catalogueDefault");

        var stored = await PostAsync(person, Session(routine, feedback: "hurt", worstPain: 7, only: i => i.GetProperty("exerciseId").GetString() == id), "regress-1");
        stored.Status.ShouldBe(HttpStatusCode.Created, stored.ToString());
        var dose = stored.Json.GetProperty("doses").EnumerateArray().Single();
        dose.GetProperty("exerciseId").GetString().ShouldBe(id);
        dose.GetProperty("level").GetInt32().ShouldBe(-1);
        dose.GetProperty("ruleId").GetString().ShouldBe("progress.regress_worst_pain");
        dose.GetProperty("reason").GetString()!.ShouldContain("7 out of 10");

        var doses = await person.GetAsync("/api/v1/me/doses");
        doses.Status.ShouldBe(HttpStatusCode.OK, doses.ToString());
        doses.Json.GetProperty("doses").EnumerateArray().Single().GetProperty("level").GetInt32().ShouldBe(-1);

        var after = (await RoutineAsync(person)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("exerciseId").GetString() == id);
        after.GetProperty("doseOrigin").GetString().ShouldBe("current");
        after.GetProperty("dose").ToString().ShouldNotBe(first.GetProperty("dose").ToString());
    }

    [Fact]
    public async Task Each_bad_value_is_named_and_nothing_is_stored()
    {
        using var person = await ReadyAsync(server, "session-bad");
        var routine = await RoutineAsync(person);
        var good = Session(routine);

        (await PostAsync(person, good, null)).ShouldNameField("Idempotency-Key");
        (await PostAsync(person, good, "has space")).ShouldNameField("Idempotency-Key");
        (await PostAsync(person, good, new string('k', 65))).ShouldNameField("Idempotency-Key");

        var cases = new (string Field, Action<JsonObject> Spoil)[]
        {
            ("date", b => b["date"] = "2026-13-40"),
            ("date", b => b["date"] = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd")),
            ("date", b => b.Remove("date")),
            ("startedAt", b => b["startedAt"] = "yesterday"),
            ("startedAt", b => b["startedAt"] = DateTimeOffset.UtcNow.AddHours(3).ToString("O")),
            ("finishedAt", b => b["finishedAt"] = DateTimeOffset.UtcNow.AddHours(-2).ToString("O")),
            ("worstPain", b => b["worstPain"] = 11),
            ("painBefore", b => b["painBefore"] = -1),
            ("exercises", b => b["exercises"] = new JsonArray()),
            ("exercises[0].exerciseId", b => b["exercises"]![0]!["exerciseId"] = "no-such-exercise"),
            ("exercises[0].feedback", b => b["exercises"]![0]!["feedback"] = "meh"),
            ("exercises[0].worstPain", b => { b["exercises"]![0]!["feedback"] = "hurt"; b["exercises"]![0]!.AsObject().Remove("worstPain"); b.Remove("worstPain"); }),
            ("exercises[0].completed", b => b["exercises"]![0]!.AsObject().Remove("completed")),
            ("exercises[0].sets", b => b["exercises"]![0]!["sets"] = 3),
            ("mood", b => b["mood"] = "fine"),
        };
        foreach (var (field, spoil) in cases)
        {
            var body = JsonNode.Parse(good.ToJsonString())!.AsObject();
            spoil(body);
            var answer = await PostAsync(person, body, Guid.NewGuid().ToString());
            answer.ShouldNameField(field);
        }
        var twice = JsonNode.Parse(good.ToJsonString())!.AsObject();
        twice["exercises"]!.AsArray().Add(JsonNode.Parse(twice["exercises"]![0]!.ToJsonString()));
        var last = twice["exercises"]!.AsArray().Count - 1;
        (await PostAsync(person, twice, Guid.NewGuid().ToString())).ShouldNameField($"exercises[{last}].exerciseId");

        (await person.GetAsync(Sessions)).Json.GetProperty("sessions").GetArrayLength().ShouldBe(0);
        (await person.GetAsync($"{Sessions}?from=2026-02-01&to=2026-01-01")).ShouldNameField("from");
        (await person.GetAsync($"{Sessions}?day=2026-02-01")).ShouldNameField("day");
    }

    [Fact]
    public async Task Without_consent_sessions_and_doses_answer_403()
    {
        using var person = await TestPerson.CreateAsync(server, consent: false, who: "session-consent");
        (await PostAsync(person, new JsonObject(), "k1")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await person.GetAsync(Sessions)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await person.GetAsync("/api/v1/me/doses")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
