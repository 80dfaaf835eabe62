using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>How a program stage leans between easier and harder variants.</summary>
internal enum VariantLean { Easier, AsIs, Harder }

/// <summary>
/// A catalogue exercise the person can do: how well it suits the profile, two rotation draws in [0, 1) for the day
/// (one for the core exercises, one for the fillers), and the reason it would be chosen.
/// </summary>
internal sealed record Candidate(Exercise Exercise, double Suitability, double CoreDraw, double FillerDraw, string Reason)
{
    /// <summary>Core slots rotate only among near-ties, so a clearly best exercise stays every day.</summary>
    public const double CoreRotation = 1.0;

    /// <summary>Fillers rotate widely, so days differ.</summary>
    public const double FillerRotation = 4.0;

    public double CoreScore => Suitability + CoreRotation * CoreDraw;

    public double FillerScore => Suitability + FillerRotation * FillerDraw;
}

/// <summary>Why a person cannot do an exercise: exactly one of a skip condition, a start position or a piece of equipment.</summary>
internal sealed record Obstacle(SkipCondition? Condition, StartPosition? Position, Equipment? Equipment);

/// <summary>
/// Which exercises the person can do, and how well each suits the profile: the emphases (long sitting, running,
/// lifting, stiff mornings, standing work, tight areas), a lean between easier and harder variants, and a small
/// rotation seeded from the date so that routines vary across days while strongly suited exercises stay.
/// </summary>
internal sealed class Preferences
{
    private readonly PlannerProfile _profile;
    private readonly IReadOnlySet<SkipCondition> _skip;
    private readonly bool _gentle;
    private readonly VariantLean _lean;
    private readonly List<Rule> _rules;

    public Preferences(PlannerProfile profile, bool gentle, VariantLean lean)
    {
        _profile = profile;
        _skip = profile.SkipConditions();
        _gentle = gentle;
        _lean = lean;
        _rules = Rules(profile);
        Emphases = _rules.Select(r => r.Emphasis).Distinct().Order().ToArray();
    }

    public IReadOnlyList<Emphasis> Emphases { get; }

    /// <summary>Older adults and people in more pain are not offered the most demanding exercises.</summary>
    private bool Careful => _profile.Age >= 65 || _profile.BaselinePain >= 7;

    public bool CanDo(Exercise e) =>
        FindObstacle(_profile, _skip, e) is null && !(_gentle && e.Difficulty > 1) && !(Careful && e.Difficulty >= 3);

    /// <summary>
    /// What keeps the person from doing an exercise at all, whoever chose it: a skip condition that applies to them
    /// (<see cref="PlannerProfile.SkipConditions"/>), a start position they cannot get into, or equipment they do not
    /// have. Null when nothing does.
    /// </summary>
    /// <param name="skip">The profile's <see cref="PlannerProfile.SkipConditions"/>, worked out once by the caller.</param>
    internal static Obstacle? FindObstacle(PlannerProfile profile, IReadOnlySet<SkipCondition> skip, Exercise e)
    {
        foreach (var condition in e.SkipIf)
        {
            if (skip.Contains(condition))
            {
                return new Obstacle(condition, null, null);
            }
        }
        if (!profile.Allows(e.Position))
        {
            return new Obstacle(null, e.Position, null);
        }
        foreach (var item in e.Equipment)
        {
            if (!profile.Equipment.Contains(item))
            {
                return new Obstacle(null, null, item);
            }
        }
        return null;
    }

    /// <summary>The exercises the person can do, best first for the core slots on the day of the seed.</summary>
    public List<Candidate> Rank(ExerciseCatalogue catalogue, long seed, Func<Exercise, bool>? only = null)
    {
        var list = new List<Candidate>();
        foreach (var e in catalogue.All)
        {
            if ((only is null || only(e)) && CanDo(e))
            {
                var (points, reason) = Suitability(e);
                list.Add(new Candidate(e, points, Rotation(e.Id, seed), Rotation(e.Id, ~seed), reason));
            }
        }
        list.Sort((a, b) => b.CoreScore != a.CoreScore ? b.CoreScore.CompareTo(a.CoreScore) : string.CompareOrdinal(a.Exercise.Id, b.Exercise.Id));
        return list;
    }

    private (double Points, string Reason) Suitability(Exercise e)
    {
        // Each further matching rule counts half as much as the one before, so an exercise that suits several
        // emphases leads without locking out the rotation for good.
        double points = 0;
        var weight = 1.0;
        Rule? best = null;
        foreach (var rule in _rules)
        {
            if (rule.Applies(e))
            {
                points += rule.Points * weight;
                weight /= 2;
                if (best is null || rule.Points > best.Points)
                {
                    best = rule;
                }
            }
        }
        var steps = e.Difficulty - 1;
        points += _lean switch
        {
            VariantLean.Easier => -2.0 * steps,
            VariantLean.AsIs => -0.5 * steps,
            VariantLean.Harder => 1.0 * steps,
        };
        if (Careful)
        {
            points -= steps;
        }
        var reason = best?.Reason(e) ?? ByKind(e.Kind);
        if (_gentle)
        {
            reason += " It is one of the gentle options, which come first after your last check.";
        }
        return (points, reason);
    }

    /// <summary>A number in [0, 1) from the exercise id and the seed: FNV-1a, so it is the same on every run.</summary>
    internal static double Rotation(string id, long seed)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (uint)((seed >> (8 * i)) & 0xFF)) * 16777619u;
        }
        hash ^= hash >> 15;
        hash *= 0x2c1b3c6du;
        hash ^= hash >> 12;
        return hash % 1000 / 1000.0;
    }

    private sealed record Rule(Emphasis Emphasis, double Points, Func<Exercise, bool> Applies, Func<Exercise, string> Reason);

    private static bool Has(Exercise e, BodyArea area) => e.BodyAreas.Contains(area);

    private static bool Is(Exercise e, params ExerciseKind[] kinds) => kinds.Contains(e.Kind);

    private static List<Rule> Rules(PlannerProfile p)
    {
        var rules = new List<Rule>();
        foreach (var area in p.TightAreas.Distinct())
        {
            rules.Add(new Rule(Emphasis.TightAreas, 3, e => Has(e, area), e => $"You said your {Tight(area)}; {ForArea(e.Kind)}."));
        }
        if (p.LongSitting)
        {
            rules.Add(new Rule(Emphasis.LongSitting, 4, e => Has(e, BodyArea.HipFront) && Is(e, ExerciseKind.Stretch),
                _ => "Long sitting keeps the muscles at the front of the hip short; this stretch lengthens them."));
            rules.Add(new Rule(Emphasis.LongSitting, 4, e => Has(e, BodyArea.HipFront) && Is(e, ExerciseKind.Mobility, ExerciseKind.SelfMassage),
                _ => "Long sitting keeps the front of the hip folded; this opens it up again."));
            rules.Add(new Rule(Emphasis.LongSitting, 3, e => Is(e, ExerciseKind.Mobility) && (Has(e, BodyArea.LowerBack) || Has(e, BodyArea.UpperBack)),
                _ => "Hours in a chair keep your spine still; this moves it gently through its range."));
            rules.Add(new Rule(Emphasis.LongSitting, 4, e => Is(e, ExerciseKind.Strength) && Has(e, BodyArea.Glutes),
                _ => "Long sitting leaves the buttock muscles idle; this wakes them up and builds their strength."));
        }
        if (p.Runs)
        {
            rules.Add(new Rule(Emphasis.Running, 4, e => Is(e, ExerciseKind.Strength) && (Has(e, BodyArea.HipSide) || Has(e, BodyArea.Glutes)),
                _ => "Running asks a lot of the muscles around the hip; this builds their strength."));
            rules.Add(new Rule(Emphasis.Running, 4, e => Has(e, BodyArea.HipFront) && Is(e, ExerciseKind.Stretch, ExerciseKind.Mobility, ExerciseKind.SelfMassage),
                _ => "Running works the front of the hip hard; this helps it feel less tight."));
            rules.Add(new Rule(Emphasis.Running, 3, e => Is(e, ExerciseKind.WarmUp),
                _ => "A running drill warms up your hips and legs for the work that follows."));
        }
        if (p.Lifts)
        {
            rules.Add(new Rule(Emphasis.Lifting, 4, e => Is(e, ExerciseKind.Strength) && Has(e, BodyArea.Core),
                _ => "Bracing your middle is the base of every lift; this practises holding it steady."));
            rules.Add(new Rule(Emphasis.Lifting, 3, e => Has(e, BodyArea.Hamstrings) && Is(e, ExerciseKind.Stretch, ExerciseKind.Mobility, ExerciseKind.SelfMassage),
                _ => "Lifting loads the back of the thighs; this helps them feel less tight."));
            rules.Add(new Rule(Emphasis.Lifting, 3, e => Is(e, ExerciseKind.Strength) && (Has(e, BodyArea.Glutes) || Has(e, BodyArea.HipSide) || Has(e, BodyArea.Hamstrings)),
                _ => "Squats and deadlifts start at the hips; this builds hip strength and control."));
        }
        if (p.StiffMornings)
        {
            rules.Add(new Rule(Emphasis.MorningStiffness, 4,
                e => e.Difficulty == 1 && e.Position is StartPosition.LyingBack or StartPosition.AllFours
                    && Is(e, ExerciseKind.Mobility, ExerciseKind.Stretch, ExerciseKind.Breathing),
                _ => "You feel stiff when you wake; this is a gentle lying or all-fours move to ease into the day."));
        }
        if (p.StandingWork)
        {
            rules.Add(new Rule(Emphasis.StandingWork, 2, e => Has(e, BodyArea.LowerBack) && Is(e, ExerciseKind.Stretch, ExerciseKind.Mobility),
                _ => "Standing for long spells keeps your lower back in one position; this moves it another way."));
        }
        if (p.Triggers.Contains(Trigger.AtNight))
        {
            rules.Add(new Rule(Emphasis.Evenings, 3, e => Is(e, ExerciseKind.Breathing),
                _ => "You feel tight at night; slow breathing helps you wind down before bed."));
        }
        return rules;
    }

    private static string Tight(BodyArea area) => area switch
    {
        BodyArea.LowerBack => "lower back feels tight",
        BodyArea.HipFront => "hips feel tight at the front",
        BodyArea.HipSide => "hips feel tight at the side",
        BodyArea.Hamstrings => "hamstrings feel tight",
        BodyArea.Glutes => "buttocks feel tight",
        BodyArea.Core => "middle feels tight",
        BodyArea.UpperBack => "upper back feels tight",
    };

    private static string ForArea(ExerciseKind kind) => kind switch
    {
        ExerciseKind.Stretch => "this stretch gently lengthens the muscles there",
        ExerciseKind.Mobility => "this moves that area gently through its range",
        ExerciseKind.Strength => "this builds strength around that area",
        ExerciseKind.WarmUp => "this drill warms that area up",
        ExerciseKind.SelfMassage => "rolling that area can help it feel looser",
        ExerciseKind.Breathing => "slow breathing helps the muscles there settle",
    };

    internal static string ByKind(ExerciseKind kind) => kind switch
    {
        ExerciseKind.Stretch => "Stretching a little every day builds flexibility in your back and hips.",
        ExerciseKind.Mobility => "Moving gently through your range helps you feel less stiff.",
        ExerciseKind.Strength => "Strength work supports your back and hips; every routine mixes it with stretching and mobility.",
        ExerciseKind.WarmUp => "Warms up your legs and hips before the main work.",
        ExerciseKind.SelfMassage => "Rolling the muscles can help them feel looser before you stretch.",
        ExerciseKind.Breathing => "Slow breathing to finish calmly.",
    };
}
