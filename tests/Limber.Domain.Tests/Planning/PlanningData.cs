using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Planning;

/// <summary>Profiles, safety decisions and checks shared by the planning tests, against the real catalogue.</summary>
internal static partial class PlanningData
{
    public static ExerciseCatalogue Exercises => RepositoryFiles.Catalogue;

    public static Exercise Get(string id) => Exercises.Find(id) ?? throw new ShouldAssertException($"No exercise '{id}'");

    public static readonly DateOnly Monday = new(2026, 3, 2);

    public static SafetyDecision Decision(RoutineAccess access) => SafetyDecision.From(Gate(access));

    public static SafetyDecision Continue => Decision(RoutineAccess.Continue);

    public static SafetyDecision Gentle => Decision(RoutineAccess.GentleOptionsFirst);

    /// <summary>The gate's state for each access, made the way the app makes it: from screens.</summary>
    public static RoutineGateState Gate(RoutineAccess access)
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        GatedScreen Screen(Disposition d) => new(Guid.Parse("00000000-0000-0000-0000-000000000001"), at, d, null);
        return access switch
        {
            RoutineAccess.Continue => RoutineGate.Evaluate([Screen(Disposition.None)]),
            RoutineAccess.GentleOptionsFirst => RoutineGate.Evaluate([Screen(Disposition.Routine)]),
            RoutineAccess.PausedUntilSeen => RoutineGate.Evaluate([Screen(Disposition.Urgent)]),
            RoutineAccess.LockedUntilCleared => RoutineGate.Evaluate([Screen(Disposition.Emergency)]),
        };
    }

    /// <summary>The three ways routines are withheld: not screened yet, paused, locked.</summary>
    public static IEnumerable<RoutineGateState> WithheldGates() =>
        [RoutineGate.Evaluate([]), Gate(RoutineAccess.PausedUntilSeen), Gate(RoutineAccess.LockedUntilCleared)];

    private static Gen<T[]> SubsetOf<T>(T[] all, int percent) =>
        Gen.Int[0, 99].Array[all.Length].Select(rolls => all.Where((_, i) => rolls[i] < percent).ToArray());

    private static readonly PossiblePosition[] AllPositions = Enum.GetValues<PossiblePosition>();

    /// <summary>Any profile onboarding can produce: at least one position, any equipment, any minutes.</summary>
    public static readonly Gen<PlannerProfile> AnyProfile =
        Gen.Select(
            Gen.Select(SubsetOf(Enum.GetValues<BodyArea>(), 30), SubsetOf(Enum.GetValues<Trigger>(), 30), Gen.Int[0, 14], Gen.Bool, Gen.Bool, Gen.Bool),
            Gen.Select(SubsetOf(AllPositions, 60), Gen.Int[0, 3], SubsetOf(Enum.GetValues<Equipment>(), 50), Gen.Int[0, PlannerProfile.SessionMinuteChoices.Count - 1], Gen.Int[1, 3]),
            Gen.Select(Gen.Int[0, 10], Gen.Int[0, 120], Gen.Int[10, 95], SubsetOf(Enum.GetValues<SkipCondition>(), 8)))
        .Select(t => new PlannerProfile
        {
            TightAreas = t.Item1.Item1,
            Triggers = t.Item1.Item2,
            SittingHours = t.Item1.Item3,
            Running = t.Item1.Item4,
            Lifting = t.Item1.Item5,
            StandingWork = t.Item1.Item6,
            // Never none: onboarding asks for at least one position; the extra roll picks one when the subset is empty.
            Positions = t.Item2.Item1.Length > 0 ? t.Item2.Item1 : [AllPositions[t.Item2.Item2]],
            Equipment = t.Item2.Item3,
            MinutesPerSession = PlannerProfile.SessionMinuteChoices[t.Item2.Item4],
            SessionsPerDay = t.Item2.Item5,
            BaselinePain = t.Item3.Item1,
            MorningStiffnessMinutes = t.Item3.Item2,
            // Ages under 16 stand for "not given".
            Age = t.Item3.Item3 < 16 ? null : t.Item3.Item3,
            Limitations = t.Item3.Item4,
        });

    /// <summary>Someone who can get down to the floor, kneel, stand and sit, with every piece of equipment, and no other limits.</summary>
    public static readonly Gen<PlannerProfile> OpenProfile = AnyProfile.Select(p => p with
    {
        Positions = AllPositions,
        Equipment = Enum.GetValues<Equipment>(),
        Limitations = [],
    });

    public static readonly Gen<DateOnly> AnyDate = Gen.Int[0, 3650].Select(d => new DateOnly(2024, 1, 1).AddDays(d));

    /// <summary>The positions as the test reads the brief, written out separately from the planner's own mapping.</summary>
    public static bool PersonCanStartIn(PlannerProfile p, StartPosition position) => position switch
    {
        StartPosition.LyingBack or StartPosition.LyingFront or StartPosition.LyingSide => p.Positions.Contains(PossiblePosition.Floor),
        StartPosition.AllFours => p.Positions.Contains(PossiblePosition.Floor) || p.Positions.Contains(PossiblePosition.Kneeling),
        StartPosition.Kneeling or StartPosition.HalfKneeling => p.Positions.Contains(PossiblePosition.Kneeling),
        StartPosition.Standing => p.Positions.Contains(PossiblePosition.Standing),
        StartPosition.Seated => p.Positions.Contains(PossiblePosition.Chair),
    };

    /// <summary>A plan as text, so that two plans can be compared whole.</summary>
    public static string Render(RoutinePlan plan)
    {
        var sb = new StringBuilder().Append(plan.Outcome).Append('|').Append(plan.Message);
        if (plan.Routine is { } r)
        {
            sb.Append('|').Append(r.TotalSeconds).Append('|').Append(r.Fit).Append('|').Append(string.Join(";", r.Notes));
            foreach (var i in r.Items)
            {
                sb.Append('\n').Append(i.Part).Append(' ').Append(i.ExerciseId).Append(' ').Append(i.Dose).Append(' ')
                    .Append(i.Origin).Append(' ').Append(i.Seconds).Append(' ').Append(i.Reason);
            }
        }
        return sb.ToString();
    }

    // The words product.md rules out (the same list the content checker uses).
    [GeneratedRegex(@"\b(treat(s|ed|ing|ment|ments)?|cur(e|es|ed|ing)|reliev(e|es|ed|ing)|relief|diagnos(e|es|ed|ing|is)|clinically proven|all clear)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex AvoidedWords();
}
