using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Limber.Domain.Catalogue;

namespace Limber.Web.Tests.Illustration;

/// <summary>The SVG figures over HTTP: shape of the document, caching, bad input, and the size budget.</summary>
[Collection(ServerCollection.Name)]
public class FigureSvgTests(LimberServer server)
{
    private const string Id = "kneeling-hip-flexor-stretch";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly HttpClient _http = server.CreateHttpClient();

    private async Task<(HttpResponseMessage Response, string Body)> Get(string url)
    {
        var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_figure_is_an_SVG_with_a_title_and_a_description_for_screen_readers()
    {
        var (response, body) = await Get($"/exercises/{Id}/figure.svg");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var svg = XDocument.Parse(body).Root!;
        svg.Name.ShouldBe(Svg + "svg");
        svg.Attribute("role")!.Value.ShouldBe("img");
        svg.Element(Svg + "title")!.Value.ShouldBe("Kneeling hip flexor stretch");
        var desc = svg.Element(Svg + "desc")!.Value;
        desc.ShouldContain("animated");
        desc.ShouldContain("right side working");
        desc.ShouldContain("Highlighted: Hip flexors");
    }

    [Fact]
    public async Task The_animation_is_timed_to_the_dose_and_stops_under_reduced_motion()
    {
        var (_, body) = await Get($"/exercises/{Id}/figure.svg");
        // Start 1 s + move 3 s + the dose's 30 s hold + 3 s back = 37 s a cycle.
        body.ShouldContain("37s ease-in-out infinite");
        body.ShouldContain("@keyframes");
        body.ShouldContain("@media (prefers-reduced-motion:reduce){.moving{display:none}.moving g{animation:none}.still{display:inline}}");
    }

    [Fact]
    public async Task The_static_figure_has_no_animation_and_shows_both_ends_side_by_side()
    {
        var (_, body) = await Get($"/exercises/{Id}/figure.svg?static=true");
        body.ShouldNotContain("@keyframes");
        XDocument.Parse(body).Root!.Element(Svg + "desc")!.Value.ShouldContain("side by side");
    }

    [Fact]
    public async Task The_left_side_is_drawn_mirrored()
    {
        var (_, right) = await Get($"/exercises/{Id}/figure.svg");
        var (_, left) = await Get($"/exercises/{Id}/figure.svg?side=left");
        left.ShouldContain("scale(-1,1)");
        right.ShouldNotContain("scale(-1,1)");
        left.ShouldContain("left side working");
    }

    [Fact]
    public async Task A_repeat_request_with_the_ETag_is_304()
    {
        var (first, _) = await Get($"/exercises/{Id}/figure.svg");
        var etag = first.Headers.ETag!.Tag;
        first.Headers.CacheControl!.Public.ShouldBeTrue();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/exercises/{Id}/figure.svg", UriKind.Relative));
        request.Headers.IfNoneMatch.ParseAdd(etag);
        var second = await _http.SendAsync(request);
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task The_figure_may_load_nothing_else()
    {
        var (response, _) = await Get($"/exercises/{Id}/figure.svg");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
    }

    [Theory]
    [InlineData("side=up", "side")]
    [InlineData("static=yes", "static")]
    public async Task A_bad_option_is_400_naming_it(string query, string parameter)
    {
        var (response, body) = await Get($"/exercises/{Id}/figure.svg?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldContain($"\"{parameter}\"");
    }

    [Fact]
    public async Task An_unknown_exercise_has_no_figure()
    {
        var (response, _) = await Get("/exercises/no-such-thing/figure.svg");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Every_animated_figure_is_under_6_KB_gzipped()
    {
        var catalogue = (ExerciseCatalogue)server.Services.GetService(typeof(ExerciseCatalogue))!;
        var sizes = new List<(string Id, long Bytes)>();
        foreach (var exercise in catalogue.All.Where(e => e.Figure is not null))
        {
            var bytes = await _http.GetByteArrayAsync(new Uri($"/exercises/{exercise.Id}/figure.svg", UriKind.Relative));
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                await gzip.WriteAsync(bytes);
            }
            sizes.Add((exercise.Id, buffer.Length));
        }
        sizes.ShouldNotBeEmpty();
        sizes.Where(s => s.Bytes >= 6 * 1024).ShouldBeEmpty();
    }
}
