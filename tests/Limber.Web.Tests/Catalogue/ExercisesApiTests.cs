using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Limber.Web.Tests.Catalogue;

[Collection(ServerCollection.Name)]
public class ExercisesApiTests(LimberServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    private async Task<JsonElement> Json(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> Problem(string url, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_list_has_items_and_a_total()
    {
        var json = await Json("/api/v1/exercises?pageSize=100");
        var total = json.GetProperty("total").GetInt32();
        total.ShouldBeGreaterThan(1);
        json.GetProperty("items").GetArrayLength().ShouldBe(Math.Min(total, 100));
        json.GetProperty("page").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_exercise_has_the_documented_camel_case_shape()
    {
        var e = await Json("/api/v1/exercises/kneeling-hip-flexor-stretch");
        e.GetProperty("id").GetString().ShouldBe("kneeling-hip-flexor-stretch");
        e.GetProperty("kind").GetString().ShouldBe("stretch");
        e.GetProperty("position").GetString().ShouldBe("halfKneeling");
        e.GetProperty("bodyAreas").EnumerateArray().Select(a => a.GetString()).ShouldContain("hipFront");
        e.GetProperty("muscles").EnumerateArray().Select(a => a.GetString()).ShouldContain("iliopsoas");
        e.GetProperty("difficulty").GetInt32().ShouldBeInRange(1, 3);
        foreach (var field in new[] { "name", "aliases", "equipment", "steps", "cautions", "easier", "harder", "sources" })
        {
            e.TryGetProperty(field, out _).ShouldBeTrue($"missing {field}");
        }
        var dose = e.GetProperty("dose");
        dose.GetProperty("holdSeconds").GetInt32().ShouldBe(30);
        dose.GetProperty("perSide").GetBoolean().ShouldBeTrue();
        // Dose fields not used are absent rather than zero.
        dose.TryGetProperty("durationSeconds", out _).ShouldBeFalse();
        dose.TryGetProperty("perDirection", out _).ShouldBeFalse();
        e.GetProperty("doseText").GetString().ShouldStartWith("Hold 30 seconds");
        e.GetProperty("sources")[0].GetProperty("citation").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Search_finds_an_exercise_by_alias()
    {
        var json = await Json("/api/v1/exercises?q=lunge%20stretch");
        json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldContain("kneeling-hip-flexor-stretch");
    }

    [Fact]
    public async Task Filters_combine_and_every_item_matches()
    {
        var json = await Json("/api/v1/exercises?bodyArea=hipFront&position=standing,seated&pageSize=100");
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.GetProperty("bodyAreas").EnumerateArray().Any(a => a.GetString() == "hipFront"));
        items.ShouldAllBe(i => i.GetProperty("position").GetString() == "standing" || i.GetProperty("position").GetString() == "seated");
    }

    [Fact]
    public async Task Equipment_none_gives_only_exercises_that_need_nothing()
    {
        var json = await Json("/api/v1/exercises?equipment=none&pageSize=100");
        json.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("equipment").GetArrayLength() == 0);
    }

    [Fact]
    public async Task Max_minutes_keeps_exercises_that_fit()
    {
        var json = await Json("/api/v1/exercises?maxMinutes=2&pageSize=100");
        json.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("estimatedMinutes").GetInt32() <= 2);
    }

    [Fact]
    public async Task Paging_walks_through_every_exercise_once()
    {
        var all = await Json("/api/v1/exercises?pageSize=100");
        var total = all.GetProperty("total").GetInt32();
        var seen = new List<string>();
        for (var page = 1; page <= (total + 1) / 2; page++)
        {
            var json = await Json($"/api/v1/exercises?pageSize=2&page={page}");
            json.GetProperty("total").GetInt32().ShouldBe(total);
            seen.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        }
        seen.Count.ShouldBe(total);
        seen.Distinct().Count().ShouldBe(total);
    }

    [Theory]
    [InlineData("bodyArea=knees", "bodyArea")]
    [InlineData("kind=yoga", "kind")]
    [InlineData("position=handstand", "position")]
    [InlineData("equipment=sofa", "equipment")]
    [InlineData("difficulty=5", "difficulty")]
    [InlineData("maxMinutes=soon", "maxMinutes")]
    [InlineData("maxMinutes=0", "maxMinutes")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("pageSize=-3", "pageSize")]
    [InlineData("colour=blue", "colour")]
    public async Task A_bad_query_value_gives_400_problem_json_naming_the_parameter(string query, string parameter)
    {
        var problem = await Problem($"/api/v1/exercises?{query}");
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty(parameter, out var messages).ShouldBeTrue();
        messages[0].GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(parameter);
    }

    [Fact]
    public async Task An_overlong_search_is_refused_with_the_parameter_named()
    {
        var problem = await Problem($"/api/v1/exercises?q={new string('a', 500)}");
        problem.GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_exercise_is_404_problem_json()
    {
        var problem = await Problem("/api/v1/exercises/no-such-exercise", HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("no-such-exercise");
    }

    [Fact]
    public async Task An_unknown_api_address_is_404_problem_json() =>
        await Problem("/api/v1/nothing-here", HttpStatusCode.NotFound);

    [Fact]
    public async Task Every_listed_exercise_can_be_fetched_by_id()
    {
        var list = await _http.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/exercises?pageSize=100", UriKind.Relative));
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString();
            (await Json($"/api/v1/exercises/{id}")).GetProperty("id").GetString().ShouldBe(id);
        }
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> Raw(string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    public async Task The_catalogue_is_compressed_for_clients_that_accept_it_and_kept_compressed(string accepts, string expected)
    {
        // A query of its own, so no other test's answer is in the cache first.
        var url = $"/api/v1/exercises?pageSize=30&q=stretch&kind=stretch&maxMinutes={(expected == "br" ? 61 : 62)}";
        var (plain, plainBody) = await Raw(url, null);
        plain.Content.Headers.ContentEncoding.ShouldBeEmpty();

        var (first, firstBody) = await Raw(url, accepts);
        first.Content.Headers.ContentEncoding.ShouldBe([expected]);
        first.Headers.Vary.ShouldContain("Accept-Encoding");
        firstBody.Length.ShouldBeLessThan(plainBody.Length / 3);
        Decompress(firstBody, expected).ShouldBe(plainBody);

        // Asked again: the same compressed bytes, from the cache (which says how old its answer is).
        var (again, againBody) = await Raw(url, accepts);
        again.Content.Headers.ContentEncoding.ShouldBe([expected]);
        again.Headers.Age.ShouldNotBeNull();
        againBody.ShouldBe(firstBody);

        // And a client that accepts none still gets it plain, not the compressed answer kept for the others.
        var (plainAgain, plainAgainBody) = await Raw(url, null);
        plainAgain.Content.Headers.ContentEncoding.ShouldBeEmpty();
        plainAgainBody.ShouldBe(plainBody);
    }

    [Fact]
    public async Task Nothing_but_the_catalogue_is_compressed()
    {
        var (health, _) = await Raw("/health/live", "gzip, br");
        health.Content.Headers.ContentEncoding.ShouldBeEmpty();
        var (page, _) = await Raw("/exercises", "gzip, br");
        page.Content.Headers.ContentEncoding.ShouldBeEmpty();
    }
}
