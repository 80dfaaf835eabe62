using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>When the back or hips feel tight, as the person says in onboarding.</summary>
public enum Trigger { OnWaking, AfterSitting, AfterRunning, AfterLifting, AtNight }

/// <summary>Positions the person can get into; each opens some catalogue start positions (see <see cref="PlannerProfile.Allows"/>).</summary>
public enum PossiblePosition { Floor, Kneeling, Standing, Chair }

/// <summary>What the planner knows about the person (product.md part 4). Pure data; the planner validates it.</summary>
public sealed record PlannerProfile
{
    /// <summary>The session lengths a person can choose.</summary>
    public static IReadOnlyList<int> SessionMinuteChoices { get; } = [5, 10, 15, 20, 30];

    /// <summary>At or above this many hours of sitting a day, the plan leans towards what long sitting asks for.</summary>
    public const double LongSittingHours = 6;

    /// <summary>At or above this many minutes of morning stiffness, a gentle lying and all-fours flow is favoured.</summary>
    public const int StiffMorningMinutes = 15;

    public IReadOnlyList<BodyArea> TightAreas { get; init; } = [];
    public IReadOnlyList<Trigger> Triggers { get; init; } = [];
    public double SittingHours { get; init; }
    public bool Running { get; init; }
    public bool Lifting { get; init; }
    public bool StandingWork { get; init; }
    public IReadOnlyList<PossiblePosition> Positions { get; init; } =
        [PossiblePosition.Floor, PossiblePosition.Kneeling, PossiblePosition.Standing, PossiblePosition.Chair];
    public IReadOnlyList<Equipment> Equipment { get; init; } = [];
    public int MinutesPerSession { get; init; } = 10;
    public int SessionsPerDay { get; init; } = 1;
    public int BaselinePain { get; init; }
    public int MorningStiffnessMinutes { get; init; }
    public int? Age { get; init; }

    /// <summary>
    /// Other reasons to leave exercises out, in the catalogue's words (knee pain, wrist pain, pregnancy...).
    /// Floor, kneeling and standing limits follow from <see cref="Positions"/> and need not be repeated.
    /// </summary>
    public IReadOnlyList<SkipCondition> Limitations { get; init; } = [];

    public bool LongSitting => SittingHours >= LongSittingHours || Triggers.Contains(Trigger.AfterSitting);
    public bool Runs => Running || Triggers.Contains(Trigger.AfterRunning);
    public bool Lifts => Lifting || Triggers.Contains(Trigger.AfterLifting);
    public bool StiffMornings => MorningStiffnessMinutes >= StiffMorningMinutes || Triggers.Contains(Trigger.OnWaking);

    /// <summary>
    /// Whether the person can start an exercise in this position: floor opens lying and all fours, kneeling opens
    /// kneeling, half kneeling and all fours, standing opens standing, a chair opens seated.
    /// </summary>
    public bool Allows(StartPosition position)
    {
        foreach (var p in Positions)
        {
            var opens = p switch
            {
                PossiblePosition.Floor => position is StartPosition.LyingBack or StartPosition.LyingFront or StartPosition.LyingSide or StartPosition.AllFours,
                PossiblePosition.Kneeling => position is StartPosition.Kneeling or StartPosition.HalfKneeling or StartPosition.AllFours,
                PossiblePosition.Standing => position is StartPosition.Standing,
                PossiblePosition.Chair => position is StartPosition.Seated,
            };
            if (opens)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every skip condition that applies: the stated limitations and those that follow from the positions.</summary>
    public IReadOnlySet<SkipCondition> SkipConditions()
    {
        var all = new HashSet<SkipCondition>(Limitations);
        if (!Positions.Contains(PossiblePosition.Floor))
        {
            all.Add(SkipCondition.CannotGetDownToFloor);
        }
        if (!Positions.Contains(PossiblePosition.Kneeling))
        {
            all.Add(SkipCondition.CannotKneel);
        }
        if (!Positions.Contains(PossiblePosition.Standing))
        {
            all.Add(SkipCondition.CannotStandUnsupported);
        }
        return all;
    }

    /// <summary>Throws when a value is outside what onboarding offers.</summary>
    public void Validate()
    {
        if (!SessionMinuteChoices.Contains(MinutesPerSession))
        {
            throw new ArgumentOutOfRangeException(nameof(MinutesPerSession), MinutesPerSession, "must be 5, 10, 15, 20 or 30");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(SessionsPerDay, 1, nameof(SessionsPerDay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SessionsPerDay, 6, nameof(SessionsPerDay));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaselinePain, 0, nameof(BaselinePain));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BaselinePain, 10, nameof(BaselinePain));
        ArgumentOutOfRangeException.ThrowIfLessThan(MorningStiffnessMinutes, 0, nameof(MorningStiffnessMinutes));
        if (SittingHours is < 0 or > 24 || double.IsNaN(SittingHours))
        {
            throw new ArgumentOutOfRangeException(nameof(SittingHours), SittingHours, "must be between 0 and 24");
        }
        if (Age is < 16 or > 120)
        {
            throw new ArgumentOutOfRangeException(nameof(Age), Age, "must be between 16 and 120");
        }
    }
}
