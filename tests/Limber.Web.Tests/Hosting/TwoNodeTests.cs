using System.Net;
using Limber.Storage;

namespace Limber.Web.Tests.Hosting;

/// <summary>An app instance on a database of the test's choosing, with a data folder of its own.</summary>
internal sealed class NodeServer : LimberServer
{
    private NodeServer(string? dataPath, IReadOnlyDictionary<string, string?> settings)
        : base(dataPath, settings)
    {
    }

    public static NodeServer OnPostgres(string connectionString) => new(null, PostgresSettings(connectionString));

    /// <summary>The settings of a node on this PostgreSQL database, its reminder dispatcher off.</summary>
    public static Dictionary<string, string?> PostgresSettings(string connectionString) => new()
    {
        [DatabaseSettings.ProviderKey] = "Postgres",
        [DatabaseSettings.ConnectionStringKey] = connectionString,
        ["Limber:Reminders:Dispatch"] = "false",
    };
}

/// <summary>
/// Several web nodes behind a load balancer (product.md part 12): the data-protection keys live in the shared
/// database, so a sign-in made on one node is good on another, and signing out everywhere on one ends it on both.
/// </summary>
public sealed class TwoNodeTests
{
    [Fact]
    public async Task A_cookie_from_one_node_signs_in_on_another_node_of_the_same_PostgreSQL()
    {
        await using var database = await ScratchPostgres.CreateAsync("limber_nodes");
        if (database is null)
        {
            return;
        }
        var connection = database.ConnectionString;
        using var one = NodeServer.OnPostgres(connection);
        using var two = NodeServer.OnPostgres(connection);
        _ = one.BaseAddress;
        _ = two.BaseAddress;

        // Signed up and in on node one, through the page, as a browser without JavaScript does.
        var cookies = new CookieContainer();
        using var toOne = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = one.BaseAddress };
        var email = $"nodes.{Guid.NewGuid():N}@example.test";
        await NoScriptBrowsers.SignUpAsync(toOne, email, "correct horse battery", consent: true);
        var cookie = cookies.GetCookieHeader(one.BaseAddress);
        cookie.ShouldNotBeNullOrEmpty();

        // The same cookie, sent to node two: the account page and the API know the person there too.
        using var toTwo = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = two.BaseAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/account");
        page.Headers.Add("Cookie", cookie);
        using var answer = await toTwo.SendAsync(page);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).ShouldContain(email);

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", cookie);
        me.Headers.Add("X-Limber-Client", "player");
        using var meAnswer = await toTwo.SendAsync(me);
        meAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await meAnswer.Content.ReadAsStringAsync()).ShouldContain(email);

        // Signing out everywhere on node one ends the same cookie on node two at once.
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sign-out-everywhere");
        signOut.Headers.Add("Cookie", cookie);
        signOut.Headers.Add("X-Limber-Client", "player");
        using var signedOut = await toOne.SendAsync(signOut);
        ((int)signedOut.StatusCode).ShouldBe(204, await signedOut.Content.ReadAsStringAsync());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        again.Headers.Add("Cookie", cookie);
        again.Headers.Add("X-Limber-Client", "player");
        using var refused = await toTwo.SendAsync(again);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
