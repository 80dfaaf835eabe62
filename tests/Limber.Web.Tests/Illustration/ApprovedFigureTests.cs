using Limber.Web.Tests.Hosting;

namespace Limber.Web.Tests.Illustration;

/// <summary>
/// A few figures are compared byte for byte with approved copies, so any change to how figures are drawn
/// shows up in review. After looking at the new drawings, accept them with
/// LIMBER_UPDATE_APPROVED=1 dotnet test tests/Limber.Web.Tests --filter Approved
/// </summary>
[Collection(ServerCollection.Name)]
public class ApprovedFigureTests(LimberServer server)
{
    [Theory]
    [InlineData("kneeling-hip-flexor-stretch", "")]
    [InlineData("kneeling-hip-flexor-stretch", "?side=left&static=true")]
    [InlineData("glute-bridge", "")]
    [InlineData("seated-figure-four", "?static=true")]
    public async Task The_figure_matches_its_approved_copy(string id, string query)
    {
        using var http = server.CreateHttpClient();
        var svg = await http.GetStringAsync(new Uri($"/exercises/{id}/figure.svg{query}", UriKind.Relative));
        var name = id + query.Replace("?", "-", StringComparison.Ordinal).Replace("&", "-", StringComparison.Ordinal).Replace("=", "-", StringComparison.Ordinal) + ".svg";
        var path = Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Limber.Web.Tests", "Illustration", "Approved", name);
        if (Environment.GetEnvironmentVariable("LIMBER_UPDATE_APPROVED") == "1")
        {
            await File.WriteAllTextAsync(path, svg);
        }
        File.Exists(path).ShouldBeTrue($"{path} is missing; look at the figure, then create it with LIMBER_UPDATE_APPROVED=1");
        svg.ShouldBe(await File.ReadAllTextAsync(path), $"The drawing of {id} changed: look at it, then accept it with LIMBER_UPDATE_APPROVED=1");
    }
}
