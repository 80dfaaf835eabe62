using System.Net;
using System.Text;
using System.Text.Json;
using Limber.Web.Illustration;
using SkiaSharp;

namespace Limber.Web.Tests.Illustration;

[Collection(ServerCollection.Name)]
public class FigureFileEndpointsTests(LimberServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    private Task<HttpResponseMessage> Get(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return _http.SendAsync(request);
    }

    private async Task<JsonElement> Problem(string url, HttpStatusCode expected)
    {
        using var response = await Get(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_PNG_is_800_pixels_wide_unless_asked_otherwise()
    {
        using var response = await Get("/exercises/kneeling-hip-flexor-stretch/figure.png");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("image/png");
        using var png = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        png.Width.ShouldBe(800);

        using var narrow = await Get(FigureFileEndpoints.Url("kneeling-hip-flexor-stretch", FigureFormat.Png, left: true, width: 320));
        narrow.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var small = SKBitmap.Decode(await narrow.Content.ReadAsByteArrayAsync());
        small.Width.ShouldBe(320);
    }

    [Fact]
    public async Task The_left_side_is_a_different_picture_with_its_own_ETag()
    {
        using var right = await Get("/exercises/kneeling-hip-flexor-stretch/figure.png?side=right");
        using var left = await Get("/exercises/kneeling-hip-flexor-stretch/figure.png?side=left");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        left.StatusCode.ShouldBe(HttpStatusCode.OK);
        left.Headers.ETag.ShouldNotBe(right.Headers.ETag);
    }

    [Theory]
    [InlineData("/exercises/kneeling-hip-flexor-stretch/figure.png?width=640")]
    [InlineData("/exercises/kneeling-hip-flexor-stretch/figure.pdf")]
    public async Task A_figure_file_is_cached_by_ETag(string url)
    {
        using var first = await Get(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag?.Tag;
        etag.ShouldNotBeNullOrEmpty();
        first.Headers.CacheControl?.Public.ShouldBeTrue();
        first.Headers.CacheControl?.MaxAge.ShouldBe(TimeSpan.FromHours(1));

        using var again = await Get(url, etag);
        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await again.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        using var stale = await Get(url, "\"not-it\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_PDF_opens_in_the_browser_named_after_the_exercise()
    {
        using var response = await Get("/exercises/kneeling-hip-flexor-stretch/figure.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition?.DispositionType.ShouldBe("inline");
        response.Content.Headers.ContentDisposition?.FileName?.Trim('"').ShouldBe("kneeling-hip-flexor-stretch.pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
    }

    [Theory]
    [InlineData("width=5", "width")]
    [InlineData("width=2001", "width")]
    [InlineData("width=199", "width")]
    [InlineData("width=wide", "width")]
    [InlineData("width=+800", "width")]
    [InlineData("side=up", "side")]
    public async Task A_bad_PNG_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var problem = await Problem($"/exercises/kneeling-hip-flexor-stretch/figure.png?{query}", HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(parameter, out _).ShouldBeTrue(problem.ToString());
        problem.GetProperty("detail").GetString()!.ShouldContain(parameter);
    }

    [Fact]
    public async Task A_bad_side_for_the_PDF_is_a_400_naming_it()
    {
        var problem = await Problem("/exercises/kneeling-hip-flexor-stretch/figure.pdf?side=up", HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("side", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/exercises/no-such-exercise/figure.png")]
    [InlineData("/exercises/no-such-exercise/figure.pdf")]
    public async Task An_unknown_exercise_is_a_404_problem(string url)
    {
        var problem = await Problem(url, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("no-such-exercise");
    }
}
