using System.Net;
using Limber.Storage;
using Microsoft.Extensions.DependencyInjection;

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
/// database, so a sign-in made on one node is good on another, and signing out everywhere on one ends it on both,
/// though each keeps the account's stamps in memory.
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
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, string.Join("\n", two.LogLines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(3)));
        (await answer.Content.ReadAsStringAsync()).ShouldContain(email);

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", cookie);
        me.Headers.Add("X-Limber-Client", "player");
        using var meAnswer = await toTwo.SendAsync(me);
        meAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await meAnswer.Content.ReadAsStringAsync()).ShouldContain(email);

        // Node two keeps the account's stamps now (KeptStamps): the next check there is answered from memory.
        (await MeAsync(toTwo, cookie)).ShouldBe(HttpStatusCode.OK);

        // Signing out everywhere on node one ends the same cookie there at once, and on node two as soon as
        // PostgreSQL passes on the notice of the new security stamp (milliseconds; the test allows far more).
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sign-out-everywhere");
        signOut.Headers.Add("Cookie", cookie);
        signOut.Headers.Add("X-Limber-Client", "player");
        using var signedOut = await toOne.SendAsync(signOut);
        ((int)signedOut.StatusCode).ShouldBe(204, await signedOut.Content.ReadAsStringAsync());

        (await MeAsync(toOne, cookie)).ShouldBe(HttpStatusCode.Unauthorized);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await MeAsync(toTwo, cookie) != HttpStatusCode.Unauthorized)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20),
                $"node two still takes a cookie signed out everywhere (listening: {two.Services.GetService<KeptStamps>()?.Listening})");
            await Task.Delay(10);
        }
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient node, string cookie)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", cookie);
        me.Headers.Add("X-Limber-Client", "player");
        using var answer = await node.SendAsync(me);
        return answer.StatusCode;
    }
}
