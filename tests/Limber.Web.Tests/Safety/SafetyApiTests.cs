using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;

namespace Limber.Web.Tests.Safety;

/// <summary>The stateless screen API over real HTTP: good screens are judged, every kind of bad input gets a 4xx that says why.</summary>
[Collection(ServerCollection.Name)]
public class SafetyApiTests(LimberServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    private static JsonObject Screen(int? age = 40, bool? firstEpisode = false, Action<JsonObject>? answers = null)
    {
        var all = new JsonObject();
        foreach (var item in WarningSignScreen.Items)
        {
            all[item.Id] = "no";
        }
        answers?.Invoke(all);
        var body = new JsonObject { ["answers"] = all };
        if (age is not null)
        {
            body["age"] = age;
        }
        if (firstEpisode is not null)
        {
            body["firstEpisode"] = firstEpisode;
        }
        return body;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> Post(string body, string mediaType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        var response = await _http.PostAsync(new Uri("/api/v1/safety/screen", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> Problem(string body, HttpStatusCode expected, string field)
    {
        var (status, json, mediaType) = await Post(body);
        status.ShouldBe(expected, json.ToString());
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue($"no error for '{field}' in {json}");
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        return json;
    }

    [Fact]
    public async Task The_items_list_every_question_with_what_yes_gives()
    {
        var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/v1/safety/items", UriKind.Relative))).RootElement;
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetString()).ShouldBe(WarningSignScreen.Items.Select(i => i.Id));
        items.ShouldAllBe(i => i.GetProperty("question").GetString()!.Length > 0 && i.GetProperty("explanation").GetString()!.Length > 0);
        items.Select(i => i.GetProperty("yesGives").GetString()).ShouldAllBe(d => d == "none" || d == "routine" || d == "urgent" || d == "emergency");
        items.Single(i => i.GetProperty("id").GetString() == "saddle_numbness").GetProperty("yesGives").GetString().ShouldBe("emergency");
        json.GetProperty("rulesVersion").GetString().ShouldBe(WarningSignScreen.RulesVersion);
    }

    [Fact]
    public async Task All_no_gives_none_with_no_reasons_and_the_rules_version()
    {
        var (status, json, _) = await Post(Screen().ToJsonString());
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("disposition").GetString().ShouldBe("none");
        json.GetProperty("reasons").GetArrayLength().ShouldBe(0);
        json.GetProperty("heading").GetString().ShouldBe("No warning signs reported");
        json.GetProperty("routines").GetString().ShouldBe("continue");
        json.GetProperty("rulesVersion").GetString().ShouldBe(WarningSignScreen.RulesVersion);
    }

    [Fact]
    public async Task Saddle_numbness_gives_emergency_with_its_reason()
    {
        var (status, json, _) = await Post(Screen(answers: a => a["saddle_numbness"] = "yes").ToJsonString());
        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("disposition").GetString().ShouldBe("emergency");
        var reason = json.GetProperty("reasons").EnumerateArray().ShouldHaveSingleItem();
        reason.GetProperty("id").GetString().ShouldBe("saddle_numbness");
        reason.GetProperty("answer").GetString().ShouldBe("yes");
        reason.GetProperty("disposition").GetString().ShouldBe("emergency");
        json.GetProperty("routines").GetString().ShouldBe("lockedUntilCleared");
    }

    [Fact]
    public async Task The_derived_age_rule_appears_among_the_reasons()
    {
        var (_, json, _) = await Post(Screen(age: 54, firstEpisode: true).ToJsonString());
        json.GetProperty("disposition").GetString().ShouldBe("routine");
        json.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldContain("age_first_episode");
    }

    [Fact]
    public async Task Unsure_is_listed_and_one_level_below_yes()
    {
        var (_, json, _) = await Post(Screen(answers: a => a["cancer_history"] = "unsure").ToJsonString());
        json.GetProperty("disposition").GetString().ShouldBe("routine");
        var reason = json.GetProperty("reasons").EnumerateArray().ShouldHaveSingleItem();
        reason.GetProperty("answer").GetString().ShouldBe("unsure");
    }

    [Fact]
    public async Task A_missing_item_is_named() =>
        await Problem(Screen(answers: a => a.Remove("bladder_change")).ToJsonString(), HttpStatusCode.BadRequest, "answers");

    [Fact]
    public async Task An_unknown_item_is_named()
    {
        var json = await Problem(Screen(answers: a => a["headache"] = "no").ToJsonString(), HttpStatusCode.BadRequest, "answers.headache");
        json.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("headache");
    }

    [Fact]
    public async Task A_bad_answer_value_is_named() =>
        await Problem(Screen(answers: a => a["both_legs"] = "maybe").ToJsonString(), HttpStatusCode.BadRequest, "answers.both_legs");

    [Fact]
    public async Task An_answer_that_is_not_text_is_named() =>
        await Problem(Screen(answers: a => a["both_legs"] = true).ToJsonString(), HttpStatusCode.BadRequest, "answers.both_legs");

    [Fact]
    public async Task A_missing_age_is_named() =>
        await Problem(Screen(age: null).ToJsonString(), HttpStatusCode.BadRequest, "age");

    [Fact]
    public async Task Under_16_is_told_that_Limber_is_for_adults()
    {
        var json = await Problem(Screen(age: 15).ToJsonString(), HttpStatusCode.BadRequest, "age");
        json.GetProperty("errors").GetProperty("age")[0].GetString().ShouldNotBeNull().ShouldContain("adult", Case.Insensitive);
    }

    [Theory]
    [InlineData(111)]
    [InlineData(-4)]
    public async Task An_age_outside_16_to_110_is_refused(int age) =>
        await Problem(Screen(age: age).ToJsonString(), HttpStatusCode.BadRequest, "age");

    [Fact]
    public async Task An_age_that_is_not_a_whole_number_is_refused() =>
        await Problem(Screen().ToJsonString().Replace("\"age\":40", "\"age\":40.5", StringComparison.Ordinal), HttpStatusCode.BadRequest, "age");

    [Fact]
    public async Task A_missing_first_episode_is_named() =>
        await Problem(Screen(firstEpisode: null).ToJsonString(), HttpStatusCode.BadRequest, "firstEpisode");

    [Fact]
    public async Task An_unknown_field_is_named() =>
        await Problem(Screen().ToJsonString().Replace("{", "{\"mood\":\"fine\",", StringComparison.Ordinal), HttpStatusCode.BadRequest, "mood");

    [Theory]
    [InlineData("{\"age\": 40,")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_JSON_is_400_naming_the_body(string body) =>
        await Problem(body, HttpStatusCode.BadRequest, "body");

    [Fact]
    public async Task A_JSON_array_is_refused() =>
        await Problem("[1,2,3]", HttpStatusCode.BadRequest, "body");

    [Fact]
    public async Task A_body_over_64_KB_is_413_problem_json()
    {
        var body = Screen().ToJsonString().Replace("{", "{\"padding\":\"" + new string('x', 70_000) + "\",", StringComparison.Ordinal);
        var (status, json, mediaType) = await Post(body);
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        mediaType.ShouldBe("application/problem+json");
        json.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("64 KB");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_type_is_415()
    {
        var (status, _, mediaType) = await Post(Screen().ToJsonString(), "text/plain");
        status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        mediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_refused_not_crashed() =>
        await Problem(new string('[', 200) + new string(']', 200), HttpStatusCode.BadRequest, "body");
}
