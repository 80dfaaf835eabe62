using System.Net;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// What a load balancer asks a node: live (the process answers) and ready (its database answers). The answers say
/// nothing else, are never cached, and a node whose database is gone says so with 503 while staying live.
/// </summary>
[Collection(ServerCollection.Name)]
public class HealthTests(LimberServer server)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task A_running_node_is_live_and_ready(string path)
    {
        using var http = server.CreateHttpClient();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        response.Headers.CacheControl?.NoStore.ShouldBe(true);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
    }

    [Fact]
    public async Task Health_is_not_part_of_the_API_description()
    {
        using var http = server.CreateHttpClient();
        var document = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        document.ShouldNotContain("/health/");
    }

    [Fact]
    public async Task A_node_whose_database_is_gone_is_live_but_not_ready()
    {
        await using var database = await ScratchPostgres.CreateAsync("limber_health");
        if (database is null)
        {
            return;
        }
        using var node = NodeServer.OnPostgres(database.ConnectionString);
        using var http = node.CreateHttpClient();
        (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await database.DisposeAsync();   // the database is dropped under the running node

        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
