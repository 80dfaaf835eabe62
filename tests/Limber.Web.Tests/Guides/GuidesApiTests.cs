using System.Net;
using System.Text.Json;
using Limber.Domain.Guides;

namespace Limber.Web.Tests.Guides;

/// <summary>GET /api/v1/guides and /api/v1/guides/{id} over HTTP, with no account, and the guide figures.</summary>
[Collection(ServerCollection.Name)]
public class GuidesApiTests(LimberServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    private async Task<(HttpResponseMessage Response, string Body)> Get(string url)
    {
        var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> Json(string url)
    {
        var (response, body) = await Get(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_list_has_every_guide_with_a_title_summary_and_page()
    {
        var json = await Json("/api/v1/guides");
        json.GetProperty("total").GetInt32().ShouldBe(GuideIds.All.Count);
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetString()).ShouldBe(GuideIds.All, ignoreOrder: true);
        foreach (var item in items)
        {
            item.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
            item.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            item.GetProperty("url").GetString().ShouldBe($"/guides/{item.GetProperty("id").GetString()}");
        }
        items.Select(i => i.GetProperty("title").GetString()).ShouldBeInOrder(SortDirection.Ascending, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_guide_has_its_text_sources_exercises_and_helpers()
    {
        var guide = await Json("/api/v1/guides/heat-or-ice");
        guide.GetProperty("id").GetString().ShouldBe("heat-or-ice");
        guide.GetProperty("title").GetString().ShouldBe("Heat or ice");
        guide.GetProperty("markdown").GetString()!.ShouldContain("## Heat safety");
        guide.GetProperty("html").GetString()!.ShouldContain("<h2>Heat safety</h2>");
        var source = guide.GetProperty("sources").EnumerateArray().First(s => s.GetProperty("id").GetString() == "french-2006");
        source.GetProperty("citation").GetString()!.ShouldContain("Superficial heat or cold for low back pain");
        var exercise = guide.GetProperty("exercises")[0];
        exercise.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        exercise.GetProperty("url").GetString().ShouldBe($"/exercises/{exercise.GetProperty("id").GetString()}");
        guide.GetProperty("helpers").EnumerateArray().Select(h => h.GetString()).ShouldBe(["iceTimer"]);
        guide.GetProperty("figures").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Sleeping_positions_lists_its_figures_and_each_is_an_svg_with_its_own_words()
    {
        var guide = await Json("/api/v1/guides/sleeping-positions");
        var figures = guide.GetProperty("figures").EnumerateArray().ToList();
        figures.Count.ShouldBe(2);
        for (var i = 0; i < figures.Count; i++)
        {
            var url = figures[i].GetProperty("url").GetString()!;
            url.ShouldBe($"/guides/sleeping-positions/figures/{i + 1}.svg");
            var (response, svg) = await Get(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("image/svg+xml");
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("default-src 'none'");
            svg.ShouldStartWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
            svg.ShouldContain($"<title id=\"t\">{figures[i].GetProperty("title").GetString()}</title>");
            svg.ShouldContain("<desc id=\"d\">");
            svg.ShouldNotContain("<script");
            svg.ShouldNotContain("href");

            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var cached = await _http.SendAsync(again);
            cached.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }
    }

    [Theory]
    [InlineData("/api/v1/guides/no-such-guide", "No such guide")]
    [InlineData("/guides/sleeping-positions/figures/3.svg", "No such figure")]
    [InlineData("/guides/heat-or-ice/figures/1.svg", "No such figure")]
    [InlineData("/guides/no-such-guide/figures/1.svg", "No such figure")]
    public async Task Something_that_does_not_exist_is_a_404_problem(string url, string title)
    {
        var (response, body) = await Get(url);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("title").GetString().ShouldBe(title);
    }

    [Fact]
    public async Task The_guides_need_no_account()
    {
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        (await anonymous.GetAsync(new Uri("/api/v1/guides/when-to-see-a-doctor", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
