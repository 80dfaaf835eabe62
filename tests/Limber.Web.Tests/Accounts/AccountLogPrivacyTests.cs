using System.Net;
using System.Text.Json.Nodes;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// A whole account journey leaves no e-mail address, password, note or token in the logs: every line the app
/// wrote, at every level, is searched.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class AccountLogPrivacyTests(AccountServer server)
{
    [Fact]
    public async Task A_full_journey_logs_no_email_password_note_or_token()
    {
        const string note = "Zephyrine-Okonkwo clinic visit, scan booked for Thursday";
        var before = server.LogLines.Count;
        using var person = await TestPerson.CreateAsync(server, who: "journey");
        var refreshTokens = new List<string> { person.RefreshToken };
        var accessTokens = new List<string> { person.AccessToken };

        // A failed sign-in and a failed registration too: their answers name the fields at fault.
        (await PostAsync(person.Anonymous, "/api/v1/auth/login", Credentials(person.Email, person.Password + "-wrong"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(person.Anonymous, "/api/v1/auth/register", Credentials(person.Email, person.Password))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await person.PostAsync("/api/v1/me/consents/health-data", new JsonObject { ["version"] = ConsentVersion })).Status.ShouldBe(HttpStatusCode.Created);

        var screen = Screen(age: 87, firstEpisode: true, yes: ["saddle_numbness", "fever_chills"], answers: a => a["weight_loss"] = "unsure");
        var (stored, _, _) = await person.StoreScreenAsync(screen);
        var id = stored.GetProperty("id").GetGuid();
        (await person.ConfirmAsync(id, "seen", note)).Status.ShouldBe(HttpStatusCode.Created);
        (await person.ConfirmAsync(id, "clearedToExercise", note + " (cleared)")).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync("/api/v1/me/screens")).Status.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync($"/api/v1/me/screens/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK);

        var refreshed = await PostAsync(person.Anonymous, "/api/v1/auth/refresh", new JsonObject { ["refreshToken"] = person.RefreshToken });
        refreshed.Status.ShouldBe(HttpStatusCode.OK);
        person.UseTokens(refreshed.Json);
        refreshTokens.Add(person.RefreshToken);
        accessTokens.Add(person.AccessToken);

        (await person.GetAsync("/api/v1/me/export")).Status.ShouldBe(HttpStatusCode.OK);
        (await person.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await person.DeleteAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK);
        // The old token after deletion: refused, and not logged either.
        (await person.GetAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var journey = server.LogLines.Skip(before).ToList();
        journey.ShouldNotBeEmpty("the app does log requests; the test must see them");
        string[] secrets =
        [
            person.Email, person.Email.Split('@')[0], person.Password, note, "Zephyrine", "Okonkwo",
            .. accessTokens, .. refreshTokens,
            // A token cut short in a log line is still a token.
            .. accessTokens.Concat(refreshTokens).Select(t => t[..40]),
            "\"age\"", "age\":87", "saddle_numbness", "fever_chills", "unsure",
        ];
        foreach (var secret in secrets)
        {
            var line = server.LogLines.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
            line.ShouldBeNull($"'{secret}' was logged");
        }
    }
}
