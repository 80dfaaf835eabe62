using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// Stored screens and the routine gate: a screen is judged and kept as judged; an emergency locks routines until
/// "cleared to exercise", an urgent outcome pauses them until "seen", and a later calmer screen lifts nothing.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class StoredScreenTests(AccountServer server)
{
    private const string Screens = "/api/v1/me/screens";

    private static Guid Id(JsonElement screen) => screen.GetProperty("id").GetGuid();

    private static string Access(JsonElement routines) => routines.GetProperty("access").GetString()!;

    [Fact]
    public async Task Storing_a_screen_answers_201_with_where_it_is_the_judgement_and_the_routine_gate()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, routines, answer) = await person.StoreScreenAsync(Screen(age: 54, firstEpisode: true, answers: a => a["cancer_history"] = "unsure"));

        answer.Headers.Location!.OriginalString.ShouldBe($"{Screens}/{Id(screen)}");
        screen.GetProperty("age").GetInt32().ShouldBe(54);
        screen.GetProperty("firstEpisode").GetBoolean().ShouldBeTrue();
        screen.GetProperty("takenAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        screen.GetProperty("disposition").GetString().ShouldBe("routine");
        screen.GetProperty("rulesVersion").GetString().ShouldBe(WarningSignScreen.RulesVersion);
        screen.GetProperty("heading").GetString().ShouldNotBeNullOrWhiteSpace();
        screen.GetProperty("whatToDo").GetString().ShouldNotBeNullOrWhiteSpace();
        var reasons = screen.GetProperty("reasons").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("id").GetString()).ShouldBe(["cancer_history", WarningSignScreen.AgeFirstEpisodeId], ignoreOrder: true);
        reasons.ShouldAllBe(r => r.GetProperty("text").GetString()!.Length > 0 && r.GetProperty("disposition").GetString() == "routine");
        var answers = screen.GetProperty("answers");
        answers.EnumerateObject().Count().ShouldBe(WarningSignScreen.Items.Count);
        answers.GetProperty("cancer_history").GetString().ShouldBe("unsure");
        answers.GetProperty("saddle_numbness").GetString().ShouldBe("no");
        screen.TryGetProperty("confirmationNeeded", out _).ShouldBeFalse();
        screen.GetProperty("confirmations").GetArrayLength().ShouldBe(0);

        Access(routines).ShouldBe("gentleOptionsFirst");
        routines.GetProperty("routinesAllowed").GetBoolean().ShouldBeTrue();
        routines.GetProperty("ruleId").GetString().ShouldBe(DispositionAdvice.RoutineRule);
        routines.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_stored_screen_reads_back_as_it_was_answered()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (stored, _, answer) = await person.StoreScreenAsync(UrgentScreen());

        var read = await person.GetAsync(answer.Headers.Location!.OriginalString);
        read.Status.ShouldBe(HttpStatusCode.OK, read.ToString());
        read.Json.GetRawText().ShouldBe(stored.GetRawText());
    }

    [Fact]
    public async Task A_screen_with_no_warning_signs_lets_routines_continue()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, routines, _) = await person.StoreScreenAsync(Screen());

        screen.GetProperty("disposition").GetString().ShouldBe("none");
        screen.GetProperty("reasons").GetArrayLength().ShouldBe(0);
        Access(routines).ShouldBe("continue");
        routines.TryGetProperty("holdingScreenId", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_list_is_newest_first_with_the_gate()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var ids = new List<Guid>();
        foreach (var body in new[] { Screen(), RoutineScreen(), UrgentScreen(), Screen() })
        {
            ids.Add(Id((await person.StoreScreenAsync(body)).Screen));
        }

        var list = await person.GetAsync(Screens);
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        var json = list.Json;
        var screens = json.GetProperty("screens").EnumerateArray().ToList();
        screens.Select(Id).ShouldBe(Enumerable.Reverse(ids));
        screens.Select(s => s.GetProperty("takenAt").GetDateTimeOffset()).ShouldBeInOrder(SortDirection.Descending);
        Access(json.GetProperty("routines")).ShouldBe("pausedUntilSeen");
    }

    [Fact]
    public async Task An_emergency_locks_routines_and_seen_alone_keeps_them_locked_until_cleared_to_exercise()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, routines, _) = await person.StoreScreenAsync(EmergencyScreen());
        var id = Id(screen);

        screen.GetProperty("disposition").GetString().ShouldBe("emergency");
        screen.GetProperty("confirmationNeeded").GetString().ShouldBe("clearedToExercise");
        Access(routines).ShouldBe("lockedUntilCleared");
        routines.GetProperty("routinesAllowed").GetBoolean().ShouldBeFalse();
        routines.GetProperty("ruleId").GetString().ShouldBe(DispositionAdvice.EmergencyRule);
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(id);

        var seen = await person.ConfirmAsync(id, "seen");
        seen.Status.ShouldBe(HttpStatusCode.Created, seen.ToString());
        seen.Headers.Location!.OriginalString.ShouldBe($"{Screens}/{id}");
        Access(seen.Json.GetProperty("routines")).ShouldBe("lockedUntilCleared");
        Access((await person.GetAsync(Screens)).Json.GetProperty("routines")).ShouldBe("lockedUntilCleared");

        var cleared = await person.ConfirmAsync(id, "clearedToExercise", "Seen in A&E, scan clear");
        cleared.Status.ShouldBe(HttpStatusCode.Created, cleared.ToString());
        var after = cleared.Json;
        Access(after.GetProperty("routines")).ShouldBe("gentleOptionsFirst");
        after.GetProperty("routines").GetProperty("routinesAllowed").GetBoolean().ShouldBeTrue();
        var confirmations = after.GetProperty("screen").GetProperty("confirmations").EnumerateArray().ToList();
        confirmations.Select(c => c.GetProperty("kind").GetString()).ShouldBe(["seen", "clearedToExercise"]);
        confirmations[1].GetProperty("note").GetString().ShouldBe("Seen in A&E, scan clear");
        Access((await person.GetAsync("/api/v1/me")).Json.GetProperty("routines")).ShouldBe("gentleOptionsFirst");
    }

    [Fact]
    public async Task An_urgent_outcome_pauses_routines_until_seen()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, routines, _) = await person.StoreScreenAsync(UrgentScreen());
        var id = Id(screen);

        screen.GetProperty("disposition").GetString().ShouldBe("urgent");
        screen.GetProperty("confirmationNeeded").GetString().ShouldBe("seen");
        Access(routines).ShouldBe("pausedUntilSeen");
        routines.GetProperty("routinesAllowed").GetBoolean().ShouldBeFalse();
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(id);
        Access((await person.GetAsync("/api/v1/me")).Json.GetProperty("routines")).ShouldBe("pausedUntilSeen");

        var seen = await person.ConfirmAsync(id, "seen");
        seen.Status.ShouldBe(HttpStatusCode.Created, seen.ToString());
        Access(seen.Json.GetProperty("routines")).ShouldBe("gentleOptionsFirst");
        seen.Json.GetProperty("screen").GetProperty("confirmations").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_later_screen_with_no_warning_signs_does_not_lift_an_unconfirmed_lock()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var emergency = Id((await person.StoreScreenAsync(EmergencyScreen())).Screen);

        var (_, routines, _) = await person.StoreScreenAsync(Screen());
        Access(routines).ShouldBe("lockedUntilCleared");
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(emergency);

        // Nor does a confirmation on the calm screen, which asks for none.
        var calm = Id((await person.StoreScreenAsync(Screen())).Screen);
        (await person.ConfirmAsync(calm, "clearedToExercise")).ShouldBeProblem(HttpStatusCode.Conflict);
        Access((await person.GetAsync(Screens)).Json.GetProperty("routines")).ShouldBe("lockedUntilCleared");
    }

    [Fact]
    public async Task A_later_screen_with_no_warning_signs_does_not_lift_an_unconfirmed_pause()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var urgent = Id((await person.StoreScreenAsync(UrgentScreen())).Screen);

        var (_, routines, _) = await person.StoreScreenAsync(Screen());
        Access(routines).ShouldBe("pausedUntilSeen");
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(urgent);
    }

    [Fact]
    public async Task An_emergency_after_a_confirmed_one_locks_again()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var first = Id((await person.StoreScreenAsync(EmergencyScreen())).Screen);
        (await person.ConfirmAsync(first, "clearedToExercise")).Status.ShouldBe(HttpStatusCode.Created);

        var (second, routines, _) = await person.StoreScreenAsync(EmergencyScreen());
        Access(routines).ShouldBe("lockedUntilCleared");
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(Id(second));
    }

    [Theory]
    [InlineData("routine")]
    [InlineData("none")]
    public async Task A_confirmation_on_a_screen_that_asks_for_none_is_409(string outcome)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, _, _) = await person.StoreScreenAsync(outcome == "routine" ? RoutineScreen() : Screen());
        screen.GetProperty("disposition").GetString().ShouldBe(outcome);

        (await person.ConfirmAsync(Id(screen), "seen")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await person.GetAsync($"{Screens}/{Id(screen)}")).Json.GetProperty("confirmations").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"kind": "cured"}""", "kind")]
    [InlineData("""{"kind": ""}""", "kind")]
    [InlineData("""{"kind": 1}""", "kind")]
    [InlineData("""{"kind": null}""", "kind")]
    [InlineData("""{}""", "kind")]
    [InlineData("""{"note": "seen"}""", "kind")]
    [InlineData("""{"kind": "seen", "note": 5}""", "note")]
    [InlineData("""{"kind": "seen", "by": "Dr Who"}""", "by")]
    [InlineData("""[]""", "body")]
    [InlineData("""{"kind": "seen" """, "body")]
    public async Task A_bad_confirmation_is_named_and_nothing_is_recorded(string body, string field)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var id = Id((await person.StoreScreenAsync(EmergencyScreen())).Screen);

        (await person.PostAsync($"{Screens}/{id}/confirmation", body)).ShouldNameField(field);
        (await person.GetAsync($"{Screens}/{id}")).Json.GetProperty("confirmations").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_note_over_500_characters_is_named()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var id = Id((await person.StoreScreenAsync(UrgentScreen())).Screen);
        (await person.ConfirmAsync(id, "seen", new string('n', 501))).ShouldNameField("note");
        (await person.ConfirmAsync(id, "seen", new string('n', 500))).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("9b2f3c1e-7d4a-4e8b-a1c2-3d4e5f6a7b8c")]
    public async Task An_unknown_screen_id_is_404_problem(string id)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        (await person.GetAsync($"{Screens}/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await person.ConfirmAsync(Guid.TryParse(id, out var g) ? g : Guid.Empty, "seen")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await person.PostAsync($"{Screens}/{id}/confirmation", new JsonObject { ["kind"] = "seen" })).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_screen_is_named_and_not_stored()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        (await person.PostAsync(Screens, Screen(answers: a => a.Remove("bladder_change")))).ShouldNameField("answers");
        (await person.PostAsync(Screens, Screen(age: 15))).ShouldNameField("age");
        (await person.PostAsync(Screens, Screen(answers: a => a["both_legs"] = "maybe"))).ShouldNameField("answers.both_legs");
        (await person.PostAsync(Screens, "{\"age\": 40,")).ShouldNameField("body");
        (await person.PostAsync(Screens, Screen().ToJsonString(), "text/plain")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        (await person.GetAsync(Screens)).Json.GetProperty("screens").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_confirmation_answered_when_recorded_is_the_one_stored()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var id = Id((await person.StoreScreenAsync(UrgentScreen())).Screen);
        var confirmed = (await person.ConfirmAsync(id, "seen")).Json.GetProperty("screen");

        var read = (await person.GetAsync($"{Screens}/{id}")).Json;
        confirmed.GetRawText().ShouldBe(read.GetRawText());
    }
}
