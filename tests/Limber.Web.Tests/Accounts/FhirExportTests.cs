using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Limber.Domain.Catalogue;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Tests.Planning;
using Microsoft.Extensions.DependencyInjection;
// Not a using of the namespace: its Task would clash with System.Threading.Tasks.Task. (Not "Fhir": that is a namespace of its own.)
using R4 = Hl7.Fhir.Model;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// The FHIR R4 export over real HTTP: Ana builds her data through the API (onboarding, screens, a session, check-ins),
/// downloads her bundle, and it is read back with the same SDK that wrote it. Ben, with data of his own, checks that
/// nothing crosses between them. Both are made once per server and only read afterwards.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class FhirExportTests(AccountServer server)
{
    private const string FhirPath = "/api/v1/me/export/fhir";

    /// <summary>Only a rating Ben's profile names.</summary>
    private const string BensActivity = "Ben's own activity";

    // product.md: Limber never says it treats, relieves, cures or diagnoses, nor "clinically proven", "treatment plan", "all clear".
    private static readonly Regex AvoidedWords = new(
        @"\b(treats?|treatment plan|relieves?|cures?|diagnoses|diagnose|clinically proven|all clear)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly ConditionalWeakTable<AccountServer, Task<(Exported Ana, Exported Ben)>> Built = new();

    /// <summary>A person's data as the API gave it back, and their bundle as downloaded and parsed.</summary>
    private sealed record Exported(
        TestPerson Person, string Json, R4.Bundle Bundle, DateOnly Today, IReadOnlyList<Guid> CheckIns, JsonElement Screens, JsonElement Doses);

    private Task<(Exported Ana, Exported Ben)> PeopleAsync() =>
        Built.GetValue(server, async s => (await BuildAsync(s, "fhir-ana", "Putting on socks"), await BuildAsync(s, "fhir-ben", BensActivity)));

    [Fact]
    public async Task The_bundle_is_a_collection_that_parses_and_validates_with_one_patient_and_a_uuid_urn_for_every_entry()
    {
        var (ana, _) = await PeopleAsync();
        var bundle = ana.Bundle;

        bundle.Type.ShouldBe(R4.Bundle.BundleType.Collection);
        bundle.Timestamp.ShouldNotBeNull();
        bundle.Validate().ShouldBeEmpty();
        bundle.Entry.ShouldAllBe(e => Regex.IsMatch(e.FullUrl!, "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        bundle.Entry.Select(e => e.FullUrl).ShouldBeUnique();
        var patient = Resources<R4.Patient>(bundle).ShouldHaveSingleItem();
        patient.Identifier.ShouldHaveSingleItem().Value.ShouldBe(ana.Person.Id.ToString());
        // Minimal: no name, e-mail or other detail of the account.
        patient.Name.ShouldBeEmpty();
        patient.Telecom.ShouldBeEmpty();
        patient.BirthDate.ShouldBeNull();
        ana.Json.ShouldNotContain(ana.Person.Email, Case.Insensitive);
        // Every row they come from: one program, the exercises done, three check-ins, three ratings, two screens.
        Count<R4.CarePlan>(bundle).ShouldBe(1);
        Count<R4.ActivityDefinition>(bundle).ShouldBe(ana.Doses.GetProperty("doses").GetArrayLength());
        Count<R4.Observation>(bundle).ShouldBe(3 + 3 + 2, "three check-ins, three activity ratings, two screen outcomes");
        Count<R4.QuestionnaireResponse>(bundle).ShouldBe(2);
    }

    [Fact]
    public async Task The_plan_points_every_activity_at_an_exercise_definition_in_the_bundle_with_the_current_dose()
    {
        var (ana, _) = await PeopleAsync();
        var catalogue = server.Services.GetRequiredService<ExerciseCatalogue>();
        var doseExtension = server.Services.GetRequiredService<FhirExport>().DoseExtensionUrl;
        var plan = Resources<R4.CarePlan>(ana.Bundle).ShouldHaveSingleItem();
        var definitions = Resources<R4.ActivityDefinition>(ana.Bundle).ToList();
        var doses = ana.Doses.GetProperty("doses").EnumerateArray().ToDictionary(d => d.GetProperty("exerciseId").GetString()!);

        plan.Status.ShouldBe(R4.RequestStatus.Active);
        plan.Intent.ShouldBe(R4.CarePlan.CarePlanIntent.Plan);
        plan.Title.ShouldBe("Limber exercise program");
        plan.Subject.ShouldNotBeNull().Reference.ShouldBe(FullUrl<R4.Patient>(ana.Bundle));
        plan.Activity.Count.ShouldBe(doses.Count);
        foreach (var activity in plan.Activity)
        {
            var detail = activity.Detail.ShouldNotBeNull();
            detail.Kind.ShouldBe(R4.CarePlan.CarePlanActivityKind.ServiceRequest);
            var canonical = detail.InstantiatesCanonical.ShouldHaveSingleItem();
            var definition = definitions.Where(d => d.Url == canonical).ShouldHaveSingleItem($"{canonical} resolves inside the bundle");
            var id = detail.Code.ShouldNotBeNull().Coding.ShouldHaveSingleItem().Code!;
            var exercise = catalogue.Find(id).ShouldNotBeNull();
            definition.Title.ShouldBe(exercise.Name);
            definition.Status.ShouldBe(R4.PublicationStatus.Active);
            definition.Kind.ShouldBe(R4.ActivityDefinition.RequestResourceType.ServiceRequest);
            for (var i = 0; i < exercise.Steps.Count; i++)
            {
                definition.Description!.ShouldContain($"{i + 1}. {exercise.Steps[i]}");
            }
            ShouldBeDose(definition.Quantity, exercise.Dose);
            var once = definition.Timing.ShouldBeOfType<R4.Timing>().Repeat.ShouldNotBeNull();
            (once.Frequency, once.Period, once.PeriodUnit).ShouldBe((1, 1m, R4.Timing.UnitsOfTime.D));

            // The person's own dose: three sessions a day (onboarding), each with the current amount.
            var dose = doses[id];
            var daily = detail.Scheduled.ShouldBeOfType<R4.Timing>().Repeat.ShouldNotBeNull();
            (daily.Frequency, daily.Period, daily.PeriodUnit).ShouldBe((3, 1m, R4.Timing.UnitsOfTime.D));
            ShouldBeDose(detail.Quantity, JsonSerializer.Deserialize<Dose>(dose.GetProperty("dose").GetRawText(), JsonSerializerOptions.Web)!);
            detail.Description!.ShouldContain(dose.GetProperty("doseText").GetString()!);
            var sets = detail.Extension.Single(e => e.Url == doseExtension).Extension.Single(e => e.Url == "sets");
            // A dose without sets is stored as one set.
            var expectedSets = dose.GetProperty("dose").TryGetProperty("sets", out var given) ? given.GetInt32() : 1;
            sets.Value.ShouldBeOfType<R4.Integer>().Value.ShouldBe(expectedSets);
        }
    }

    [Fact]
    public async Task Pain_from_each_check_in_and_each_activity_rating_are_observations_with_their_values_and_dates()
    {
        var (ana, _) = await PeopleAsync();
        var observations = Resources<R4.Observation>(ana.Bundle).ToList();
        var patient = FullUrl<R4.Patient>(ana.Bundle);

        var pain = observations.Where(o => o.Code!.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "72514-3")).ToList();
        pain.Select(o => (o.Effective.ShouldBeOfType<R4.FhirDateTime>().Value, o.Value.ShouldBeOfType<R4.Integer>().Value)).ShouldBe(
        [
            (Day(ana.Today.AddDays(-2)), 5),
            (Day(ana.Today.AddDays(-1)), 4),
            (Day(ana.Today), 2),
        ]);
        ana.Bundle.Entry.Where(e => e.Resource is R4.Observation o && pain.Contains(o)).Select(e => e.FullUrl)
            .ShouldBe(ana.CheckIns.Select(id => $"urn:uuid:{id}"));

        var ratings = observations.Where(o => o.Code!.Coding.Any(c => c.Code == "everyday-activity-ability")).ToList();
        ratings.Select(o => (o.Code!.Text, o.Value.ShouldBeOfType<R4.Integer>().Value))
            .ShouldBe([("Putting on socks", 6), ("Getting out of a car", 5), ("Sitting through a meeting", 7)], ignoreOrder: true);
        // Shown on the person's own clock: London's offset at that instant.
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        foreach (var rating in ratings)
        {
            var at = DateTimeOffset.Parse(rating.Effective.ShouldBeOfType<R4.FhirDateTime>().Value!, CultureInfo.InvariantCulture);
            at.Offset.ShouldBe(london.GetUtcOffset(at));
        }

        foreach (var observation in pain.Concat(ratings))
        {
            observation.Status.ShouldBe(R4.ObservationStatus.Final);
            observation.Category.ShouldHaveSingleItem().Coding.ShouldHaveSingleItem().Code.ShouldBe("survey");
            observation.Subject.ShouldNotBeNull().Reference.ShouldBe(patient);
        }
    }

    [Fact]
    public async Task Each_screen_is_a_questionnaire_response_with_every_answer_and_an_observation_of_its_outcome()
    {
        var (ana, _) = await PeopleAsync();
        var responses = Resources<R4.QuestionnaireResponse>(ana.Bundle).ToList();
        var outcomes = Resources<R4.Observation>(ana.Bundle).Where(o => o.Code!.Coding.Any(c => c.Code == "warning-sign-screen-outcome")).ToList();
        var screens = ana.Screens.GetProperty("screens").EnumerateArray().ToList();

        responses.Count.ShouldBe(screens.Count);
        outcomes.Count.ShouldBe(screens.Count);
        foreach (var screen in screens)
        {
            var fullUrl = $"urn:uuid:{screen.GetProperty("id").GetGuid()}";
            var response = ana.Bundle.Entry.Single(e => e.FullUrl == fullUrl).Resource.ShouldBeOfType<R4.QuestionnaireResponse>();
            response.Status.ShouldBe(R4.QuestionnaireResponse.QuestionnaireResponseStatus.Completed);
            response.Questionnaire!.ShouldEndWith("|" + screen.GetProperty("rulesVersion").GetString());
            DateTimeOffset.Parse(response.Authored!, CultureInfo.InvariantCulture).ShouldBe(screen.GetProperty("takenAt").GetDateTimeOffset());
            var items = response.Item.ToDictionary(i => i.LinkId!, i => i.Answer.ShouldHaveSingleItem().Value);
            items["age"].ShouldBeOfType<R4.Integer>().Value.ShouldBe(screen.GetProperty("age").GetInt32());
            items["first_episode"].ShouldBeOfType<R4.FhirBoolean>().Value.ShouldBe(screen.GetProperty("firstEpisode").GetBoolean());
            var answers = screen.GetProperty("answers").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString()!);
            answers.Count.ShouldBeGreaterThan(20);
            items.Where(i => i.Key is not ("age" or "first_episode")).ToDictionary(i => i.Key, i => i.Value.ShouldBeOfType<R4.Coding>().Code!)
                .ShouldBe(answers, ignoreOrder: true);

            var outcome = outcomes.Where(o => o.DerivedFrom.Any(d => d.Reference == fullUrl)).ShouldHaveSingleItem();
            var value = outcome.Value.ShouldBeOfType<R4.CodeableConcept>().Coding.ShouldHaveSingleItem();
            value.Code.ShouldBe(screen.GetProperty("disposition").GetString());
            value.Display.ShouldBe(screen.GetProperty("heading").GetString());
        }
        screens.Select(s => s.GetProperty("answers").GetProperty("pain_below_knee").GetString()).ShouldContain("unsure");
    }

    [Fact]
    public async Task Every_reference_anywhere_in_the_bundle_resolves_to_an_entry_inside_it()
    {
        var (ana, ben) = await PeopleAsync();

        foreach (var bundle in new[] { ana.Bundle, ben.Bundle })
        {
            var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet(StringComparer.Ordinal);
            var references = Descendants(bundle).OfType<R4.ResourceReference>().ToList();
            // Every subject, a response's author and source, an outcome's derivedFrom (in a list): all are found.
            var responses = Count<R4.QuestionnaireResponse>(bundle);
            references.Count.ShouldBe(Count<R4.CarePlan>(bundle) + Count<R4.Observation>(bundle) + 3 * responses + responses);
            references.ShouldAllBe(r => r.Reference != null && fullUrls.Contains(r.Reference));
            // The plan's canonicals resolve to a definition in the bundle by its url.
            var urls = Resources<R4.ActivityDefinition>(bundle).Select(d => d.Url).ToHashSet(StringComparer.Ordinal);
            var canonicals = Resources<R4.CarePlan>(bundle).SelectMany(p => p.Activity).SelectMany(a => a.Detail!.InstantiatesCanonical).ToList();
            canonicals.ShouldNotBeEmpty();
            canonicals.ShouldAllBe(c => urls.Contains(c));
        }
    }

    [Fact]
    public async Task The_bundle_holds_nothing_of_another_person()
    {
        var (ana, ben) = await PeopleAsync();

        foreach (var (own, other) in new[] { (ana, ben), (ben, ana) })
        {
            string[] secrets =
            [
                other.Person.Id.ToString(), other.Person.Email,
                .. other.CheckIns.Select(c => c.ToString()),
                .. other.Screens.GetProperty("screens").EnumerateArray().Select(s => s.GetProperty("id").GetString()!),
            ];
            foreach (var secret in secrets)
            {
                own.Json.ShouldNotContain(secret, Case.Insensitive);
            }
        }
        ana.Json.ShouldNotContain(BensActivity);
        ben.Json.ShouldContain(BensActivity);
    }

    [Fact]
    public async Task The_text_uses_none_of_the_words_Limber_avoids()
    {
        var (ana, ben) = await PeopleAsync();

        foreach (var json in new[] { ana.Json, ben.Json })
        {
            AvoidedWords.Matches(json).Select(m => m.Value).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_person_with_nothing_yet_gets_a_valid_bundle_with_just_the_patient_and_no_consent_is_needed()
    {
        using var newcomer = await TestPerson.CreateAsync(server, consent: false, who: "fhir-newcomer");

        var answer = await newcomer.GetAsync(FhirPath);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.MediaType.ShouldBe("application/fhir+json");
        var bundle = Parse(answer.Text);
        bundle.Validate().ShouldBeEmpty();
        bundle.Type.ShouldBe(R4.Bundle.BundleType.Collection);
        var entry = bundle.Entry.ShouldHaveSingleItem();
        entry.FullUrl.ShouldBe($"urn:uuid:{newcomer.Id}");
        entry.Resource.ShouldBeOfType<R4.Patient>().Identifier.ShouldHaveSingleItem().Value.ShouldBe(newcomer.Id.ToString());
    }

    [Fact]
    public async Task The_zip_carries_the_same_bundle_as_the_api_and_each_download_is_in_the_audit_log()
    {
        var (ana, _) = await PeopleAsync();

        var files = await ana.Person.ExportAsync();

        var zipped = Parse(files["fhir-bundle.json"]);
        var direct = Parse((await ana.Person.GetAsync(FhirPath)).Text);
        // Only the time of the export differs.
        zipped.Timestamp = direct.Timestamp = null;
        FhirJsonSerializer.Default.SerializeToString(zipped).ShouldBe(FhirJsonSerializer.Default.SerializeToString(direct));
        zipped.Entry.Count.ShouldBe(ana.Bundle.Entry.Count);
        using var document = JsonDocument.Parse(files["limber-export.json"]);
        var exports = document.RootElement.GetProperty("auditEvents").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == AuditEvent.DataExported)
            .Select(e => e.GetProperty("subjectRef").GetString())
            .ToList();
        exports.ShouldContain("export:fhir");
        exports.ShouldContain("export:zip");
    }

    [Fact]
    public async Task Without_a_sign_in_the_bundle_is_401()
    {
        using var http = server.CreateHttpClient();

        (await AccountApi.GetAsync(http, FhirPath)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null, "urn:limber:ActivityDefinition:cat-cow")]
    [InlineData("https://limber.example.org/", "https://limber.example.org/fhir/ActivityDefinition/cat-cow")]
    [InlineData("https://example.org/limber", "https://example.org/limber/fhir/ActivityDefinition/cat-cow")]
    public void Limbers_own_uris_are_under_the_public_url_when_it_is_set_and_urns_otherwise(string? publicUrl, string expected)
    {
        var fhir = new FhirExport(server.Services.GetRequiredService<ExerciseCatalogue>(), publicUrl);

        fhir.ActivityDefinitionUrl("cat-cow").ShouldBe(expected);
        Uri.IsWellFormedUriString(fhir.AccountIdentifierSystem, UriKind.Absolute).ShouldBeTrue(fhir.AccountIdentifierSystem);
    }

    [Fact]
    public void A_public_url_that_is_not_a_web_address_is_refused()
    {
        Should.Throw<ArgumentException>(() => new FhirExport(server.Services.GetRequiredService<ExerciseCatalogue>(), "ftp://limber.example.org"));
    }

    [Fact]
    public void An_exercise_gone_from_the_catalogue_still_has_a_definition_for_the_plan_to_point_at()
    {
        var fhir = new FhirExport(server.Services.GetRequiredService<ExerciseCatalogue>(), null);
        var person = Guid.NewGuid();
        var program = new ProgramRow(Guid.NewGuid(), person, "Six-week program", new DateOnly(2026, 3, 2), "Completed", null, null, null, null);
        var routine = new RoutineRow(Guid.NewGuid(), person, program.Id, "Daily", 1);
        var item = new RoutineItemRow(Guid.NewGuid(), person, routine.Id, "retired-stretch", 0, 20, null, 2, true, null, 15, null, 0, null, null, null);
        var export = new PersonExport(
            new ExportedAccount(person, null, null, false, null, false, false, false, null, 0, DateTimeOffset.UnixEpoch, [], [], [], []),
            [], [], [], [], [], [program], [routine], [item], [], [], [], [], [], [], [], [], [], [], [], [], []);

        var bundle = Parse(fhir.Serialize(export, DateTimeOffset.UnixEpoch));

        bundle.Validate().ShouldBeEmpty();
        var plan = Resources<R4.CarePlan>(bundle).ShouldHaveSingleItem();
        plan.Status.ShouldBe(R4.RequestStatus.Completed);
        var detail = plan.Activity.ShouldHaveSingleItem().Detail.ShouldNotBeNull();
        detail.Status.ShouldBe(R4.CarePlan.CarePlanActivityStatus.Completed);
        // Several holds would be repetitions; one is its seconds.
        (detail.Quantity!.Value, detail.Quantity.Code).ShouldBe((20m, "s"));
        detail.Description.ShouldBe("Daily routine, stage 1: retired-stretch. Hold 20 seconds on each side, 2 sets. Rest 15 seconds between sets.");
        var definition = Resources<R4.ActivityDefinition>(bundle).ShouldHaveSingleItem();
        definition.Url.ShouldBe(detail.InstantiatesCanonical.ShouldHaveSingleItem());
        definition.Status.ShouldBe(R4.PublicationStatus.Retired);
        definition.Name.ShouldBe("RetiredStretch");
    }

    private static async Task<Exported> BuildAsync(AccountServer server, string who, string firstActivity)
    {
        var person = await TestPerson.CreateAsync(server, consent: true, who: who);
        var profile = ProfileApiTests.Body();
        profile["activities"]![0]!["name"] = firstActivity;
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", profile)).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(AccountApi.Screen());
        var routine = await SessionApiTests.RoutineAsync(person);
        var session = await SessionApiTests.PostAsync(person, SessionApiTests.Session(routine), $"{who}-1");
        session.Status.ShouldBe(HttpStatusCode.Created, session.ToString());
        var today = DateOnly.Parse(routine.GetProperty("date").GetString()!, CultureInfo.InvariantCulture);
        var checkIns = new List<Guid>();
        foreach (var (daysAgo, pain) in new[] { (2, 5), (1, 4), (0, 2) })
        {
            var body = CheckInApiTests.Body(painNow: pain);
            body["date"] = Day(today.AddDays(-daysAgo));
            var checkedIn = await person.PostAsync("/api/v1/me/checkins", body);
            checkedIn.Status.ShouldBe(HttpStatusCode.Created, checkedIn.ToString());
            checkIns.Add(checkedIn.Json.GetProperty("checkIn").GetProperty("id").GetGuid());
        }
        // A second screen, with one answer unsure.
        await person.StoreScreenAsync(AccountApi.Screen(answers: a => a["pain_below_knee"] = "unsure"));
        var screens = (await person.GetAsync("/api/v1/me/screens")).Json;
        var doses = (await person.GetAsync("/api/v1/me/doses")).Json;
        doses.GetProperty("doses").GetArrayLength().ShouldBeGreaterThan(0);

        var answer = await person.GetAsync(FhirPath);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.MediaType.ShouldBe("application/fhir+json");
        return new Exported(person, answer.Text, Parse(answer.Text), today, checkIns, screens, doses);
    }

    /// <summary>Parsed strictly: an element FHIR R4 does not have, or a bad value, fails here.</summary>
    private static R4.Bundle Parse(string json) => FhirJsonDeserializer.STRICT.Deserialize<R4.Bundle>(json);

    /// <summary>Every element under a node, at any depth, through the SDK's own element navigation.</summary>
    private static IEnumerable<R4.Base> Descendants(R4.Base node)
    {
        foreach (var (_, value) in node.EnumerateElements())
        {
            IEnumerable<R4.Base> children = value switch
            {
                R4.Base one => [one],
                IEnumerable<R4.Base> many => many,
                _ => [],
            };
            foreach (var child in children)
            {
                yield return child;
                foreach (var below in Descendants(child))
                {
                    yield return below;
                }
            }
        }
    }

    private static void ShouldBeDose(R4.Quantity? quantity, Dose dose)
    {
        // As docs/export-format.md says: a timed exercise's seconds, else several repetitions, else the hold.
        var (value, code) = dose.DurationSeconds is { } duration ? (duration, "s")
            : dose.Reps is > 1 ? (dose.Reps.Value, "{repetitions}")
            : dose.HoldSeconds is { } hold ? (hold, "s")
            : (dose.Reps!.Value, "{repetitions}");
        quantity.ShouldNotBeNull();
        quantity.Value.ShouldBe(value);
        quantity.Code.ShouldBe(code);
        quantity.System.ShouldBe("http://unitsofmeasure.org");
    }

    private static IEnumerable<T> Resources<T>(R4.Bundle bundle) where T : R4.Resource => bundle.Entry.Select(e => e.Resource).OfType<T>();

    private static int Count<T>(R4.Bundle bundle) where T : R4.Resource => Resources<T>(bundle).Count();

    private static string FullUrl<T>(R4.Bundle bundle) where T : R4.Resource => bundle.Entry.Single(e => e.Resource is T).FullUrl!;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
