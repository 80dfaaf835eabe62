using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Limber.Domain.Catalogue;
using Limber.Domain.Safety;
using Limber.Storage;

namespace Limber.Web.Accounts;

/// <summary>
/// A person's export (<see cref="PersonExport"/>) as a FHIR R4 bundle of type collection, for health apps that read
/// FHIR (product part 10; docs/export-format.md has the mapping). It holds the part of the data that FHIR has a place
/// for: the person (a Patient with the account id only), each program as a CarePlan whose activities point at one
/// ActivityDefinition per exercise, pain from each check-in and each everyday-activity rating as Observations, and
/// each warning-sign screen as a QuestionnaireResponse with an Observation of its outcome. Everything else is in the
/// JSON and CSV files of the same export.
/// </summary>
/// <remarks>
/// Every entry's fullUrl is a urn:uuid made from the row it comes from (or, where there is no row, from a name), and
/// every reference is one of those, so the bundle stands alone and the same data makes the same bundle: the API's
/// and the zip's differ only in their timestamp.
/// </remarks>
public sealed class FhirExport
{
    public const string MediaType = "application/fhir+json";

    /// <summary>The name of the format in the export's audit event (export:fhir).</summary>
    public const string AuditFormat = "fhir";

    internal const string Loinc = "http://loinc.org";
    internal const string Ucum = "http://unitsofmeasure.org";
    internal const string ObservationCategories = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>LOINC 72514-3: the 0–10 pain scale, as the person reported it (safety.md section 7: free to embed).</summary>
    internal const string PainCode = "72514-3";

    internal const string PainDisplay = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";

    /// <summary>Limber's observation codes: the patient-specific activity scale has no LOINC code we can be sure of.</summary>
    internal const string ActivityAbilityCode = "everyday-activity-ability";

    internal const string ScreenOutcomeCode = "warning-sign-screen-outcome";

    private static readonly FhirJsonSerializer Serializer = FhirJsonSerializer.Default;

    private readonly ExerciseCatalogue _catalogue;
    private readonly string _base;
    private readonly string _separator;

    /// <param name="publicUrl">
    /// Limber:PublicUrl. When set, Limber's own canonicals, code systems and identifiers are web addresses under
    /// {publicUrl}/fhir; otherwise URNs (urn:limber:...), which are valid URIs that resolve nowhere.
    /// </param>
    public FhirExport(ExerciseCatalogue catalogue, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
        if (string.IsNullOrWhiteSpace(publicUrl))
        {
            _base = "urn:limber";
            _separator = ":";
        }
        else if (Uri.TryCreate(publicUrl.Trim(), UriKind.Absolute, out var site) && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp))
        {
            _base = site.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/fhir";
            _separator = "/";
        }
        else
        {
            throw new ArgumentException($"Limber:PublicUrl must be an http or https address, not '{publicUrl}'.", nameof(publicUrl));
        }
    }

    /// <summary>The canonical URL of an exercise's ActivityDefinition.</summary>
    public string ActivityDefinitionUrl(string exerciseId) => Name("ActivityDefinition", exerciseId);

    /// <summary>The canonical URL of the warning-sign screen's questionnaire (without a version).</summary>
    public string ScreenQuestionnaireUrl => Name("Questionnaire", "warning-sign-screen");

    /// <summary>Limber's code system for its own observation codes.</summary>
    public string ObservationCodes => Name("CodeSystem", "observation");

    /// <summary>Limber's code system for a screen's answers: yes, no, unsure.</summary>
    public string ScreenAnswerCodes => Name("CodeSystem", "screen-answer");

    /// <summary>Limber's code system for a screen's outcome: none, routine, urgent, emergency.</summary>
    public string ScreenOutcomeCodes => Name("CodeSystem", "screen-outcome");

    /// <summary>Limber's code system for exercises: the catalogue ids.</summary>
    public string ExerciseCodes => Name("CodeSystem", "exercise");

    /// <summary>The system of the Patient's identifier, whose value is the account id.</summary>
    public string AccountIdentifierSystem => Name("identifier", "account");

    /// <summary>The extension that carries the whole dose as the catalogue writes it (docs/export-format.md).</summary>
    public string DoseExtensionUrl => Name("StructureDefinition", "exercise-dose");

    /// <summary>The bundle as FHIR JSON, indented, with a final line break.</summary>
    public string Serialize(PersonExport export, DateTimeOffset exportedAt) =>
        Serializer.SerializeToString(Build(export, exportedAt), pretty: true) + "\n";

    public Bundle Build(PersonExport export, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(export);
        var profile = export.Profiles.Count > 0 ? export.Profiles[0] : null;
        var zone = Zone(profile?.TimeZoneId);
        var patient = new ResourceReference(Urn(export.Account.Id));

        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Timestamp = exportedAt.ToUniversalTime(),
        };
        Add(bundle, export.Account.Id, new Patient
        {
            Identifier = [new Identifier(AccountIdentifierSystem, export.Account.Id.ToString("D"))],
        });

        var exercises = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var program in export.Programs)
        {
            Add(bundle, program.Id, Plan(program, export, profile, patient, exercises));
        }
        foreach (var exerciseId in exercises)
        {
            var url = ActivityDefinitionUrl(exerciseId);
            Add(bundle, Derived(url), Definition(exerciseId, url));
        }

        foreach (var checkIn in export.CheckIns)
        {
            Add(bundle, checkIn.Id, Pain(checkIn, patient));
        }
        foreach (var rating in export.ProfileActivities)
        {
            Add(bundle, rating.Id, Ability(rating, patient, zone));
        }

        var answers = export.ScreenAnswers.ToLookup(a => a.ScreenId);
        foreach (var screen in export.JudgedScreens)
        {
            var response = new ResourceReference(Urn(screen.Id));
            Add(bundle, screen.Id, Response(screen, answers[screen.Id], patient, zone));
            Add(bundle, Derived("screen-outcome/" + screen.Id.ToString("D")), Outcome(screen, patient, response, zone));
        }
        return bundle;
    }

    private CarePlan Plan(ProgramRow program, PersonExport export, ProfileRow? profile, ResourceReference patient, SortedSet<string> exercises)
    {
        var status = Enum.Parse<ProgramStatus>(program.Status);
        var plan = new CarePlan
        {
            Status = status switch
            {
                ProgramStatus.Active => RequestStatus.Active,
                ProgramStatus.Paused => RequestStatus.OnHold,
                ProgramStatus.Completed => RequestStatus.Completed,
                ProgramStatus.Stopped => RequestStatus.Revoked,
            },
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = "Limber exercise program",
            Description = $"{program.Name}, started on {Day(program.StartedOn)}: exercises to help you feel less stiff "
                + "and move more comfortably, with the dose of each as it stands now.",
            Subject = patient,
            Period = new Period { Start = Day(program.StartedOn) },
        };

        var activityStatus = status switch
        {
            ProgramStatus.Active => CarePlan.CarePlanActivityStatus.InProgress,
            ProgramStatus.Paused => CarePlan.CarePlanActivityStatus.OnHold,
            ProgramStatus.Completed => CarePlan.CarePlanActivityStatus.Completed,
            ProgramStatus.Stopped => CarePlan.CarePlanActivityStatus.Stopped,
        };
        var items = export.RoutineItems.ToLookup(i => i.RoutineId);
        foreach (var routine in export.Routines.Where(r => r.ProgramId == program.Id).OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Stage))
        {
            var kind = Enum.Parse<RoutineKind>(routine.Kind);
            foreach (var item in items[routine.Id].OrderBy(i => i.Order))
            {
                exercises.Add(item.ExerciseId);
                var dose = new Dose
                {
                    HoldSeconds = item.HoldSeconds,
                    Reps = item.Reps,
                    Sets = item.Sets,
                    PerSide = item.PerSide,
                    // Not stored per person: a property of the exercise, not of its dose.
                    PerDirection = _catalogue.Find(item.ExerciseId)?.Dose.PerDirection ?? false,
                    DurationSeconds = item.DurationSeconds,
                    RestSeconds = item.RestSeconds,
                };
                var detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.ServiceRequest,
                    InstantiatesCanonical = [ActivityDefinitionUrl(item.ExerciseId)],
                    Code = ExerciseCode(item.ExerciseId),
                    Status = activityStatus,
                    DoNotPerform = false,
                    // The daily routine is done as many times a day as the person chose; desk breaks come with the
                    // working hours, so they have no fixed number a day.
                    Scheduled = kind switch
                    {
                        RoutineKind.Daily => PerDay(Math.Max(1, profile?.SessionsPerDay ?? 1)),
                        RoutineKind.DeskBreak => null,
                    },
                    Quantity = Amount(dose),
                    Description = (kind switch
                    {
                        RoutineKind.Daily => "Daily routine",
                        RoutineKind.DeskBreak => "Desk breaks",
                    }) + $", stage {routine.Stage}: {Title(item.ExerciseId)}. {dose.Describe()}.",
                };
                detail.Extension.Add(DoseExtension(dose));
                plan.Activity.Add(new CarePlan.ActivityComponent { Detail = detail });
            }
        }
        return plan;
    }

    private ActivityDefinition Definition(string exerciseId, string url)
    {
        var definition = new ActivityDefinition
        {
            Url = url,
            Name = ComputableName(exerciseId),
            Title = Title(exerciseId),
            Publisher = "Limber",
            Kind = ActivityDefinition.RequestResourceType.ServiceRequest,
            Code = ExerciseCode(exerciseId),
            Participant = [new ActivityDefinition.ParticipantComponent { Type = ActionParticipantType.Patient }],
        };
        if (_catalogue.Find(exerciseId) is not { } exercise)
        {
            // Gone from the catalogue since it was planned: the plan still points here, so the reference resolves.
            definition.Status = PublicationStatus.Retired;
            return definition;
        }

        definition.Status = PublicationStatus.Active;
        var description = new StringBuilder(exercise.Summary).Append("\n\n");
        for (var i = 0; i < exercise.Steps.Count; i++)
        {
            description.Append(CultureInfo.InvariantCulture, $"{i + 1}. {exercise.Steps[i]}\n");
        }
        definition.Description = description.ToString().TrimEnd('\n');
        // The catalogue's default dose, on a routine done once a day; a person's own dose is on their plan.
        definition.Timing = PerDay(1);
        definition.Quantity = Amount(exercise.Dose);
        definition.Extension.Add(DoseExtension(exercise.Dose));
        return definition;
    }

    private static Observation Pain(CheckInRow checkIn, ResourceReference patient) => new()
    {
        Status = ObservationStatus.Final,
        Category = [Survey()],
        Code = new CodeableConcept(Loinc, PainCode, PainDisplay, "Pain now, 0 to 10"),
        Subject = patient,
        // The check-in's date is the person's own date; the instant it was saved is the issued time.
        Effective = new FhirDateTime(Day(checkIn.Date)),
        Issued = checkIn.RecordedAt.ToUniversalTime(),
        Value = new Integer(checkIn.PainNow),
    };

    private Observation Ability(ProfileActivityRow rating, ResourceReference patient, TimeZoneInfo zone) => new()
    {
        Status = ObservationStatus.Final,
        Category = [Survey()],
        // The coding says which scale; the text is the activity the person named.
        Code = new CodeableConcept
        {
            Coding = [new Coding(ObservationCodes, ActivityAbilityCode, "Ability to do an everyday activity, 0 (unable) to 10 (as before)")],
            Text = rating.Name,
        },
        Subject = patient,
        Effective = new FhirDateTime(Local(rating.RecordedAt, zone)),
        Value = new Integer(rating.Score),
    };

    private QuestionnaireResponse Response(JudgedScreenRow screen, IEnumerable<ScreenAnswerRow> answers, ResourceReference patient, TimeZoneInfo zone)
    {
        var response = new QuestionnaireResponse
        {
            Questionnaire = ScreenQuestionnaireUrl + "|" + screen.RulesVersion,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = patient,
            AuthoredElement = new FhirDateTime(Local(screen.TakenAt, zone)),
            Author = patient,
            Source = patient,
        };
        response.Item.Add(Item("age", new Integer(screen.Age)));
        response.Item.Add(Item("first_episode", new FhirBoolean(screen.FirstEpisode)));
        foreach (var answer in answers.OrderBy(a => a.ItemId, StringComparer.Ordinal))
        {
            var name = ContentName.Of(Enum.Parse<Answer>(answer.Answer));
            response.Item.Add(Item(answer.ItemId, new Coding(ScreenAnswerCodes, name, char.ToUpperInvariant(name[0]) + name[1..])));
        }
        return response;
    }

    private Observation Outcome(JudgedScreenRow screen, ResourceReference patient, ResourceReference response, TimeZoneInfo zone)
    {
        var disposition = Enum.Parse<Disposition>(screen.Disposition);
        // The app's own heading: "No warning signs reported" after a screen without any, never "all clear".
        var heading = DispositionAdvice.For(disposition).Heading;
        return new Observation
        {
            Status = ObservationStatus.Final,
            Category = [Survey()],
            Code = new CodeableConcept(ObservationCodes, ScreenOutcomeCode, "Outcome of the warning-sign screen", "Warning-sign screen outcome"),
            Subject = patient,
            Effective = new FhirDateTime(Local(screen.TakenAt, zone)),
            Value = new CodeableConcept(ScreenOutcomeCodes, ContentName.Of(disposition), heading, heading),
            DerivedFrom = [response],
        };
    }

    private static QuestionnaireResponse.ItemComponent Item(string linkId, DataType value) => new()
    {
        LinkId = linkId,
        Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }],
    };

    /// <summary>
    /// The one amount FHIR's quantity can hold, in the order Dose.Describe reads a dose: the time of a timed exercise,
    /// else the repetitions when there are several, else the hold, else the single repetition.
    /// </summary>
    private static Quantity? Amount(Dose dose) =>
        dose.DurationSeconds is { } duration ? Seconds(duration)
        : dose.Reps is > 1 ? Repetitions(dose.Reps.Value)
        : dose.HoldSeconds is { } hold ? Seconds(hold)
        : dose.Reps is { } reps ? Repetitions(reps)
        : null;

    private static Quantity Seconds(int value) => new(value, "s", Ucum) { Unit = "seconds" };

    private static Quantity Repetitions(int value) => new(value, "{repetitions}", Ucum) { Unit = "repetitions" };

    private static Timing PerDay(int times) => new()
    {
        Repeat = new Timing.RepeatComponent { Frequency = times, Period = 1, PeriodUnit = Timing.UnitsOfTime.D },
    };

    /// <summary>
    /// Every part of the dose, named as the catalogue and the JSON export name them: what FHIR's quantity and timing
    /// cannot say (sets, sides, the hold of a repeated hold, rests).
    /// </summary>
    private Extension DoseExtension(Dose dose)
    {
        var extension = new Extension { Url = DoseExtensionUrl };
        void Part(string name, DataType? value)
        {
            if (value is not null)
            {
                extension.Extension.Add(new Extension(name, value));
            }
        }
        Part("holdSeconds", dose.HoldSeconds is { } hold ? new Integer(hold) : null);
        Part("reps", dose.Reps is { } reps ? new Integer(reps) : null);
        Part("sets", dose.Sets is { } sets ? new Integer(sets) : null);
        Part("perSide", new FhirBoolean(dose.PerSide));
        Part("perDirection", new FhirBoolean(dose.PerDirection));
        Part("durationSeconds", dose.DurationSeconds is { } duration ? new Integer(duration) : null);
        Part("restSeconds", dose.RestSeconds is { } rest ? new Integer(rest) : null);
        return extension;
    }

    private CodeableConcept ExerciseCode(string exerciseId) => new(ExerciseCodes, exerciseId, Title(exerciseId), null);

    private string Title(string exerciseId) => _catalogue.Find(exerciseId)?.Name ?? exerciseId;

    private static CodeableConcept Survey() => new(ObservationCategories, "survey", "Survey", null);

    private string Name(string kind, string id) => string.Join(_separator, _base, kind, id);

    private static void Add(Bundle bundle, Guid id, Resource resource)
    {
        resource.Id = id.ToString("D");
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(id), Resource = resource });
    }

    private static string Urn(Guid id) => "urn:uuid:" + id.ToString("D");

    /// <summary>
    /// A UUID made from a name (RFC 9562 version 8, from SHA-256), for an entry with no row of its own: the same name
    /// gives the same UUID, so the same data gives the same bundle.
    /// </summary>
    internal static Guid Derived(string name)
    {
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes[..16], bigEndian: true);
    }

    /// <summary>A catalogue id as a FHIR computable name: cat-cow → CatCow.</summary>
    private static string ComputableName(string id) =>
        string.Concat(id.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TimeZoneInfo Zone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>An instant as the person's wall-clock time with its offset, so a reader sees their own day.</summary>
    private static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);
}
