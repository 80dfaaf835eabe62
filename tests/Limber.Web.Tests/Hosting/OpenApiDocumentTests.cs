using System.Text.Json;
using System.Text.Json.Nodes;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// The committed docs/openapi/v1.json matches what the app serves, so API changes show in review.
/// To accept a change: LIMBER_UPDATE_OPENAPI=1 dotnet test tests/Limber.Web.Tests --filter OpenApi
/// </summary>
[Collection(ServerCollection.Name)]
public class OpenApiDocumentTests(LimberServer server)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_committed_OpenAPI_document_matches_the_served_one()
    {
        using var http = server.CreateHttpClient();
        var served = Normalize(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable("LIMBER_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; create it with LIMBER_UPDATE_OPENAPI=1");
        var committed = Normalize(await File.ReadAllTextAsync(path));
        served.ShouldBe(committed, "The API changed: review it, then run with LIMBER_UPDATE_OPENAPI=1 to update docs/openapi/v1.json");
    }

    [Fact]
    public async Task The_document_describes_the_exercise_endpoints()
    {
        using var http = server.CreateHttpClient();
        var doc = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        doc["paths"]!["/api/v1/exercises"].ShouldNotBeNull();
        doc["paths"]!["/api/v1/exercises/{id}"].ShouldNotBeNull();
        var parameters = doc["paths"]!["/api/v1/exercises"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        parameters.ShouldBe(["q", "bodyArea", "kind", "position", "equipment", "difficulty", "maxMinutes", "page", "pageSize"], ignoreOrder: true);
    }

    // The served address differs per run; everything else must be identical.
    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Limber.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find Limber.slnx above " + AppContext.BaseDirectory);
    }
}
