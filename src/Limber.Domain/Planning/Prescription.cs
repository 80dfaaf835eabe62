using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>
/// One exercise a coach (a trainer or physiotherapist) has chosen for a client, with its dose, how far dose adaptation
/// may take it above that dose, and a note. The client's routine follows a list of these
/// (<see cref="Coaching.CoachedRoutinePlanner"/>); adaptation starts from the coach's dose and stays within
/// <see cref="MaxLevelsUp"/> rungs above it (<see cref="DoseLadder.For(Exercise, int?, ProgressionSettings?, Prescription?)"/>).
/// </summary>
/// <param name="ExerciseId">The catalogue id.</param>
/// <param name="Dose">
/// The coach's dose. It uses the same variables as the catalogue's dose (see <see cref="Problems"/>); sides, directions
/// and rests are always the catalogue's. <see cref="For"/> builds one from the catalogue dose and the coach's changes.
/// </param>
/// <param name="MaxLevelsUp">
/// How many rungs adaptation may progress above the coach's dose, 0–<see cref="MostLevelsUp"/>: 0 never goes above it.
/// Steps back are always allowed.
/// </param>
/// <param name="Note">The coach's note for this exercise, shown with it; at most <see cref="NoteMaxLength"/> characters.</param>
public sealed record Prescription(string ExerciseId, Dose Dose, int MaxLevelsUp, string? Note)
{
    /// <summary>The most rungs a coach may allow above their dose.</summary>
    public const int MostLevelsUp = 10;

    /// <summary>The longest note, in characters.</summary>
    public const int NoteMaxLength = 500;

    /// <summary>
    /// The shortest hold a coach may set. A catalogue dose with a shorter hold (a 2-second pause at the top of a press-up)
    /// stays allowed, down to that hold.
    /// </summary>
    public const int ShortestHoldSeconds = 5;

    /// <summary>
    /// The longest stretch hold. ACSM advises 10–30 seconds, and 30–60 seconds for older adults (safety.md section 5);
    /// a coach who knows the client may go longer, up to this.
    /// </summary>
    public const int LongestStretchHoldSeconds = 120;

    /// <summary>The longest hold for anything that is not a stretch, such as a plank or a bridge.</summary>
    public const int LongestOtherHoldSeconds = 60;

    /// <summary>Repetitions per set a coach may set.</summary>
    public const int FewestReps = 1, MostReps = 30;

    /// <summary>Sets a coach may set.</summary>
    public const int FewestSets = 1, MostSets = 5;

    /// <summary>Seconds a coach may set for a timed exercise.</summary>
    public const int ShortestDurationSeconds = 10, LongestDurationSeconds = 600;

    /// <summary>
    /// A prescription of the catalogue's dose with the coach's changes: each value given replaces the catalogue's, and
    /// sides, directions and rests stay the catalogue's. A value the exercise does not use is kept, so that
    /// <see cref="Problems"/> reports it.
    /// </summary>
    public static Prescription For(Exercise exercise, int maxLevelsUp = 0, string? note = null,
        int? holdSeconds = null, int? reps = null, int? sets = null, int? durationSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var dose = exercise.Dose with
        {
            HoldSeconds = holdSeconds ?? exercise.Dose.HoldSeconds,
            Reps = reps ?? exercise.Dose.Reps,
            Sets = sets ?? exercise.Dose.Sets,
            DurationSeconds = durationSeconds ?? exercise.Dose.DurationSeconds,
        };
        return new Prescription(exercise.Id, dose, maxLevelsUp, note);
    }

    /// <summary>
    /// Everything that keeps this prescription from fitting the exercise, each naming its field (<c>exerciseId</c>,
    /// <c>dose.holdSeconds</c>, <c>dose.reps</c>, <c>dose.sets</c>, <c>dose.durationSeconds</c>, <c>dose.perSide</c>,
    /// <c>dose.perDirection</c>, <c>dose.restSeconds</c>, <c>maxLevelsUp</c>, <c>note</c>); empty when it fits.
    /// </summary>
    /// <remarks>
    /// The dose uses exactly the variables the catalogue's dose uses: each one the catalogue gives must be given, and
    /// any other must be left out (a timed exercise needs <c>durationSeconds</c> and takes no repetitions). Values must
    /// be within: holds <see cref="ShortestHoldSeconds"/>–<see cref="LongestStretchHoldSeconds"/> seconds for a stretch and
    /// up to <see cref="LongestOtherHoldSeconds"/> for anything else; <see cref="FewestReps"/>–<see cref="MostReps"/>
    /// repetitions; <see cref="FewestSets"/>–<see cref="MostSets"/> sets;
    /// <see cref="ShortestDurationSeconds"/>–<see cref="LongestDurationSeconds"/> seconds of a timed exercise. Sides,
    /// directions and rests must be the catalogue's.
    /// </remarks>
    public IReadOnlyList<PrescriptionProblem> Problems(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var problems = new List<PrescriptionProblem>();
        void Add(string field, string message) => problems.Add(new PrescriptionProblem(field, message));

        if (!string.Equals(ExerciseId, exercise.Id, StringComparison.Ordinal))
        {
            Add("exerciseId", $"is \"{ExerciseId}\", not the exercise it is checked against (\"{exercise.Id}\")");
        }
        if (MaxLevelsUp is < 0 or > MostLevelsUp)
        {
            Add("maxLevelsUp", $"must be between 0 and {MostLevelsUp}, not {MaxLevelsUp}");
        }
        if (Note is { Length: > NoteMaxLength })
        {
            Add("note", $"must be at most {NoteMaxLength} characters, not {Note.Length}");
        }
        if (Dose is null)
        {
            Add("dose", "is required");
            return problems;
        }

        var usual = exercise.Dose;
        var name = exercise.Name;
        var longestHold = exercise.Kind == ExerciseKind.Stretch ? LongestStretchHoldSeconds : LongestOtherHoldSeconds;
        var shortestHold = Math.Min(ShortestHoldSeconds, usual.HoldSeconds ?? ShortestHoldSeconds);
        Variable("dose.holdSeconds", usual.HoldSeconds, Dose.HoldSeconds, shortestHold, longestHold,
            $"{name} is held, so give the seconds of each hold", $"{name} has no hold");
        Variable("dose.reps", usual.Reps, Dose.Reps, FewestReps, MostReps,
            $"{name} is counted in repetitions, so give how many", $"{name} is not counted in repetitions");
        Variable("dose.sets", usual.Sets, Dose.Sets, FewestSets, MostSets,
            $"{name} is done in sets, so give how many", $"{name} is not done in sets");
        Variable("dose.durationSeconds", usual.DurationSeconds, Dose.DurationSeconds, ShortestDurationSeconds, LongestDurationSeconds,
            $"{name} is timed, so give the seconds to keep going", $"{name} is not timed");

        if (Dose.PerSide != usual.PerSide)
        {
            Add("dose.perSide", $"must be {Lower(usual.PerSide)}, as in the catalogue: whether {name} is done on each side is not a dose choice");
        }
        if (Dose.PerDirection != usual.PerDirection)
        {
            Add("dose.perDirection", $"must be {Lower(usual.PerDirection)}, as in the catalogue: whether {name} is done in each direction is not a dose choice");
        }
        if (Dose.RestSeconds != usual.RestSeconds)
        {
            Add("dose.restSeconds", $"must be the catalogue's ({(usual.RestSeconds is { } r ? $"{r} seconds" : "none")})");
        }
        return problems;

        void Variable(string field, int? catalogue, int? given, int min, int max, string needed, string unused)
        {
            if (given is not { } value)
            {
                if (catalogue is not null)
                {
                    Add(field, $"is required: {needed}");
                }
                return;
            }
            if (catalogue is null)
            {
                Add(field, $"must be left out: {unused}");
            }
            else if (value < min || value > max)
            {
                Add(field, $"must be between {min} and {max}, not {value}");
            }
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";
}

/// <summary>One thing wrong with a <see cref="Prescription"/>, in plain words that name the field.</summary>
/// <param name="Field">The field, e.g. <c>dose.holdSeconds</c> or <c>maxLevelsUp</c>.</param>
/// <param name="Message">What is wrong and how to put it right.</param>
public sealed record PrescriptionProblem(string Field, string Message)
{
    /// <summary>The problem as <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";
}
