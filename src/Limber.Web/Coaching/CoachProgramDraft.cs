using System.Globalization;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.Web.Coaching;

/// <summary>
/// One exercise of a coach's program as the coach sent it (the API's PUT body, the builder's form), not yet checked.
/// A dose value left out (null) is the catalogue's.
/// </summary>
public sealed record CoachProgramDraftItem(
    string? ExerciseId, int? HoldSeconds, int? Reps, int? Sets, int? DurationSeconds, int? MaxLevelsUp, string? Note);

/// <summary>A coach's program as sent, not yet checked: its name, exercises in order, and thresholds (null: the deployment's).</summary>
public sealed record CoachProgramDraft(string? Name, IReadOnlyList<CoachProgramDraftItem> Items, ProgressionSettings? Thresholds);

/// <summary>A coach's program that passed every check, ready for <c>PrescriptionRecords.AssignAsync</c>.</summary>
public sealed record CheckedCoachProgram(string Name, IReadOnlyList<Prescription> Items, ProgressionSettings? Thresholds);

/// <summary>One dose variable a coach may set, with its field name and its words.</summary>
/// <param name="Field">The field under each item: holdSeconds, reps, sets or durationSeconds.</param>
/// <param name="Label">The label of its input, in plain words.</param>
public sealed record CoachDoseVariable(string Field, string Label, Func<Dose, int?> Get)
{
    /// <summary>The four, in the order the builder shows them.</summary>
    public static IReadOnlyList<CoachDoseVariable> All { get; } =
    [
        new("holdSeconds", "Hold (seconds)", d => d.HoldSeconds),
        new("reps", "Repetitions", d => d.Reps),
        new("sets", "Sets", d => d.Sets),
        new("durationSeconds", "Time (seconds)", d => d.DurationSeconds),
    ];

    /// <summary>The variables the exercise's catalogue dose uses: exactly those a coach sets for it.</summary>
    public static IEnumerable<CoachDoseVariable> Of(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return All.Where(v => v.Get(exercise.Dose) is not null);
    }
}

/// <summary>
/// One of the dose rules' thresholds (safety.md section 5, pragmatic) a coach may set for a client: its field name
/// (camelCase, as the API and the form name it), its words, and how to read and set it on <see cref="ProgressionSettings"/>.
/// </summary>
public sealed record CoachThreshold(
    string Field, string Group, string Label, string Hint, bool Whole, double Step,
    Func<ProgressionSettings, double> Get, Func<ProgressionSettings, double, ProgressionSettings> Set)
{
    /// <summary>The property's own name on <see cref="ProgressionSettings"/>, as its problems name it.</summary>
    public string Property => char.ToUpperInvariant(Field[0]) + Field[1..];

    /// <summary>The value as a form shows it.</summary>
    public string Text(ProgressionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Get(settings).ToString(Whole ? "0" : "0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Every threshold, grouped as the builder shows them.</summary>
    public static IReadOnlyList<CoachThreshold> All { get; } =
    [
        new("progressWorstPainAtMost", "Going up",
            "Go up when the worst pain is at most (0–10)",
            "A session counts towards a step up when the worst pain during it was no more than this.",
            true, 1, s => s.ProgressWorstPainAtMost, (s, v) => s with { ProgressWorstPainAtMost = (int)v }),
        new("progressAboveBaselineAtMost", "Going up",
            "…or at most this many points above the pain before the session",
            "A session also counts when the worst pain rose no more than this above where it started.",
            true, 1, s => s.ProgressAboveBaselineAtMost, (s, v) => s with { ProgressAboveBaselineAtMost = (int)v }),
        new("progressSessionsInARow", "Going up",
            "Sessions in a row that must count before going up",
            "And the back must be at or below its usual level the next morning after each of them.",
            true, 1, s => s.ProgressSessionsInARow, (s, v) => s with { ProgressSessionsInARow = (int)v }),
        new("holdStepSeconds", "Going up",
            "Seconds added to a stretch hold at each step up (5–10)",
            "Stretch holds grow by this much each time, within 10–30 seconds (30–60 for older adults).",
            true, 1, s => s.HoldStepSeconds, (s, v) => s with { HoldStepSeconds = (int)v }),
        new("regressWorstPainAbove", "Stepping back",
            "Step back when the worst pain is above (0–5)",
            "No more than 5: pain above 5 during an exercise always stops the set.",
            true, 1, s => s.RegressWorstPainAbove, (s, v) => s with { RegressWorstPainAbove = (int)v }),
        new("regressNextMorningAboveBaseline", "Stepping back",
            "Step back when next-morning pain is this many points above the pain before the session (1–10)",
            "Pain that has not settled by the next morning means the dose was too much.",
            true, 1, s => s.RegressNextMorningAboveBaseline, (s, v) => s with { RegressNextMorningAboveBaseline = (int)v }),
        new("regressSessions", "Stepping back",
            "Sessions back at the previous level after a step back",
            "How long the easier dose stays before it may go up again.",
            true, 1, s => s.RegressSessions, (s, v) => s with { RegressSessions = (int)v }),
        new("moreStiffMarginMinutes", "Stepping back",
            "Extra minutes of morning stiffness before it counts as stiffer than usual (0–60)",
            "0 means any minute more than usual steps the dose back.",
            true, 1, s => s.MoreStiffMarginMinutes, (s, v) => s with { MoreStiffMarginMinutes = (int)v }),
        new("reviewRegressions", "Pausing for a review",
            "Step backs that pause progress and suggest a review",
            "After this many step backs, doses stop going up and the client is asked to see a doctor or physiotherapist.",
            true, 1, s => s.ReviewRegressions, (s, v) => s with { ReviewRegressions = (int)v }),
        new("reviewRegressionWindowDays", "Pausing for a review",
            "…within this many days",
            "Step backs further apart than this do not add up.",
            true, 1, s => s.ReviewRegressionWindowDays, (s, v) => s with { ReviewRegressionWindowDays = (int)v }),
        new("reviewWeeklyPainRise", "Pausing for a review",
            "Pause when the weekly average pain is this many points above the start (above 0, at most 10)",
            "Compared with the pain the client gave when they started.",
            false, 0.5, s => s.ReviewWeeklyPainRise, (s, v) => s with { ReviewWeeklyPainRise = v }),
        new("reviewWeeks", "Pausing for a review",
            "…for this many weeks in a row",
            "A single bad week does not pause progress.",
            true, 1, s => s.ReviewWeeks, (s, v) => s with { ReviewWeeks = (int)v }),
        new("olderAdultAge", "Stretch holds",
            "Age from which stretch holds are 30–60 seconds (16–110)",
            "Older adults hold stretches longer (ACSM); below this age holds are 10–30 seconds.",
            true, 1, s => s.OlderAdultAge, (s, v) => s with { OlderAdultAge = (int)v }),
    ];

    /// <summary>The threshold with this field name, or null.</summary>
    public static CoachThreshold? Find(string field) => All.FirstOrDefault(t => t.Field == field);

    /// <summary>
    /// Every problem of the settings, each under the field it is about (<c>thresholds.regressWorstPainAbove</c>), with
    /// each property name in its message written by <paramref name="name"/> (the field name for the API, the label for a page).
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Problems(ProgressionSettings settings, Func<CoachThreshold, string> name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(name);
        foreach (var problem in settings.Problems())
        {
            // Each problem starts with the name of the setting it is about ("RegressWorstPainAbove must be 0–5: …").
            var about = All.FirstOrDefault(t => problem.StartsWith(t.Property + " ", StringComparison.Ordinal));
            var message = problem;
            foreach (var threshold in All.OrderByDescending(t => t.Property.Length))
            {
                message = message.Replace(threshold.Property, name(threshold), StringComparison.Ordinal);
            }
            yield return (about is null ? "thresholds" : "thresholds." + about.Field, message);
        }
    }
}

/// <summary>
/// The checks of a coach's program (issue 10), shared by the API and the builder page so that both accept exactly the
/// same programs: a name, 1–<see cref="MostItems"/> exercises of the catalogue, each once, each dose fitting its exercise
/// (<see cref="Prescription.Problems"/>), and thresholds within <see cref="ProgressionSettings"/>' limits.
/// </summary>
public static class CoachProgramRules
{
    /// <summary>The most exercises in one program: a long home program is one nobody does.</summary>
    public const int MostItems = 20;

    /// <summary>The longest program name, as stored.</summary>
    public const int NameMaxLength = 120;

    /// <summary>
    /// The program when it passes every check; otherwise null, with every problem reported once to
    /// <paramref name="report"/> as (field, message). Fields are <c>name</c>, <c>items</c>, <c>items[2].reps</c>,
    /// <c>items[0].exerciseId</c>, <c>thresholds.regressWorstPainAbove</c> and the like; <paramref name="words"/> writes
    /// the messages (field names for the API, plain labels for a page).
    /// </summary>
    public static CheckedCoachProgram? Check(CoachProgramDraft draft, ExerciseCatalogue catalogue, CoachProgramWords words,
        Action<string, string> report)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(report);
        var ok = true;
        void Report(string field, string message)
        {
            ok = false;
            report(field, message);
        }

        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Report("name", words.NameRequired);
        }
        else if (name.Length > NameMaxLength)
        {
            Report("name", words.NameTooLong(name.Length));
        }
        else if (HasControl(name))
        {
            Report("name", words.NoControlCharacters("name", "The program name"));
        }

        if (draft.Items.Count == 0)
        {
            Report("items", words.NoItems);
        }
        else if (draft.Items.Count > MostItems)
        {
            Report("items", words.TooManyItems(draft.Items.Count));
        }

        var items = new List<Prescription>(draft.Items.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < draft.Items.Count; i++)
        {
            var item = draft.Items[i];
            var at = $"items[{i}]";
            if (string.IsNullOrWhiteSpace(item.ExerciseId))
            {
                Report($"{at}.exerciseId", words.ExerciseRequired(i));
                continue;
            }
            if (catalogue.Find(item.ExerciseId) is not { } exercise)
            {
                Report($"{at}.exerciseId", words.UnknownExercise(i, item.ExerciseId));
                continue;
            }
            if (seen.TryGetValue(exercise.Id, out var first))
            {
                Report($"{at}.exerciseId", words.Duplicate(i, exercise, first));
                continue;
            }
            seen.Add(exercise.Id, i);

            var note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim();
            if (note is not null && HasControl(note))
            {
                Report($"{at}.note", words.NoControlCharacters($"{at}.note", $"The note for {exercise.Name}"));
                continue;
            }
            var prescription = Prescription.For(exercise, item.MaxLevelsUp ?? 0, note,
                item.HoldSeconds, item.Reps, item.Sets, item.DurationSeconds);
            var problems = prescription.Problems(exercise);
            foreach (var problem in problems)
            {
                // dose.reps → items[2].reps: the body and the form name dose values directly under each item.
                var field = problem.Field.StartsWith("dose.", StringComparison.Ordinal) ? problem.Field["dose.".Length..] : problem.Field;
                Report($"{at}.{field}", words.ItemProblem(i, exercise, field, problem.Message));
            }
            if (problems.Count == 0)
            {
                items.Add(prescription);
            }
        }

        if (draft.Thresholds is { } thresholds)
        {
            foreach (var (field, message) in CoachThreshold.Problems(thresholds, words.ThresholdName))
            {
                Report(field, message);
            }
        }
        return ok && name is not null ? new CheckedCoachProgram(name, items, draft.Thresholds) : null;
    }

    private static bool HasControl(string text) => text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
}

/// <summary>
/// How the checks word their messages: <see cref="Api"/> names fields as the body does (<c>items[2].reps</c>),
/// <see cref="Page"/> names what the coach sees (the exercise and the label of its input).
/// </summary>
public sealed class CoachProgramWords
{
    private readonly bool _page;

    private CoachProgramWords(bool page) => _page = page;

    public static CoachProgramWords Api { get; } = new(page: false);

    public static CoachProgramWords Page { get; } = new(page: true);

    public string NameRequired => _page ? "Give the program a name." : "name is required: give the program a name.";

    public string NameTooLong(int length) => _page
        ? $"The program name must be at most {CoachProgramRules.NameMaxLength} characters; it has {length}."
        : $"name must be at most {CoachProgramRules.NameMaxLength} characters, not {length}.";

    public string NoControlCharacters(string field, string what) => _page ? $"{what} must not hold control characters." : $"{field} must not hold control characters.";

    public string NoItems => _page ? "Add at least one exercise." : "items must list at least one exercise.";

    public string TooManyItems(int count) => _page
        ? $"A program has at most {CoachProgramRules.MostItems} exercises; this one has {count}. Remove some."
        : $"items may list at most {CoachProgramRules.MostItems} exercises, not {count}.";

    public string ExerciseRequired(int index) => _page
        ? $"Exercise {index + 1} has no exercise chosen."
        : $"items[{index}].exerciseId is required: give a catalogue id, like \"cat-cow\".";

    public string UnknownExercise(int index, string id) => _page
        ? $"Exercise {index + 1} is not in the catalogue any more; remove it."
        : $"items[{index}].exerciseId \"{Clip(id)}\" is not the id of any exercise in the catalogue (GET /api/v1/exercises lists them).";

    public string Duplicate(int index, Exercise exercise, int first) => _page
        ? $"{exercise.Name} is in the program twice (numbers {first + 1} and {index + 1}); keep one."
        : $"items[{index}].exerciseId \"{exercise.Id}\" is already items[{first}]; list each exercise once.";

    /// <summary>A problem from <see cref="Prescription.Problems"/>, whose message completes its field's name.</summary>
    public string ItemProblem(int index, Exercise exercise, string field, string message)
    {
        if (!_page)
        {
            return $"items[{index}].{field} {message}.";
        }
        var label = field == "maxLevelsUp" ? "Steps up allowed"
            : field == "note" ? "The note"
            : CoachDoseVariable.All.FirstOrDefault(v => v.Field == field)?.Label ?? field;
        return $"{exercise.Name}, {label}: {message}.";
    }

    /// <summary>How a threshold is named inside a message.</summary>
    public string ThresholdName(CoachThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return _page ? $"\"{threshold.Label}\"" : "thresholds." + threshold.Field;
    }

    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "...";
}
