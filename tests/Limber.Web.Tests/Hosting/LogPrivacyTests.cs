using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;

namespace Limber.Web.Tests.Hosting;

/// <summary>Health data never reaches the logs: every line written during screen journeys is searched.</summary>
[Collection(ServerCollection.Name)]
public class LogPrivacyTests(LimberServer server)
{
    [Fact]
    public async Task A_judged_screen_leaves_no_health_data_in_the_logs()
    {
        using var http = server.CreateHttpClient();
        var answers = new JsonObject();
        foreach (var item in WarningSignScreen.Items)
        {
            answers[item.Id] = item.Id is "weight_loss" or "cancer_history" ? "yes" : item.Id == "both_legs" ? "unsure" : "no";
        }
        var before = server.LogLines.Count;
        var response = await http.PostAsJsonAsync(new Uri("/api/v1/safety/screen", UriKind.Relative),
            new JsonObject { ["age"] = 73, ["firstEpisode"] = true, ["answers"] = answers });
        response.EnsureSuccessStatusCode();
        var judged = await response.Content.ReadFromJsonAsync<JsonObject>();
        // A rejected screen too: its error text names the field and the value sent.
        var rejected = await http.PostAsJsonAsync(new Uri("/api/v1/safety/screen", UriKind.Relative),
            new JsonObject { ["age"] = 73, ["firstEpisode"] = true, ["answers"] = new JsonObject { ["weight_loss"] = "yes" } });
        ((int)rejected.StatusCode).ShouldBe(400);

        var logged = string.Join('\n', server.LogLines.Skip(before));
        logged.ShouldNotBeEmpty("the app does log requests; the test must see them");
        var reasons = judged!["reasons"]!.AsArray().Select(r => r!["text"]!.GetValue<string>()).ToList();
        reasons.ShouldNotBeEmpty();
        // The age alone ("73") also turns up in connection ids and timings, so it is searched in its contexts.
        foreach (var secret in reasons.Concat(["weight_loss", "cancer_history", "both_legs", "\"age\"", "age\":73", "are 73", "unsure"]))
        {
            logged.ShouldNotContain(secret, Case.Insensitive, $"'{secret}' was logged");
        }
    }
}
