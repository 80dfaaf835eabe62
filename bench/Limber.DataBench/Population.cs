using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.DataBench;

/// <summary>How a person uses Limber over the year. A closed set; see bench/README.md for the shares.</summary>
internal enum Cohort
{
    /// <summary>One of the coach's clients: the whole year, a check-in every day, sessions nearly every day.</summary>
    Client,

    /// <summary>Joined in the first month and kept going all year.</summary>
    YearRound,

    /// <summary>A stretch of 4 to 26 weeks, starting any time in the year.</summary>
    Seasonal,

    /// <summary>Tried it for 3 to 28 days, starting any time in the year.</summary>
    Trial,
}

/// <summary>What one person is like: fixed at the start, from the seed and their index.</summary>
internal sealed class PersonPlan
{
    public required int Index { get; init; }
    public required Guid Id { get; init; }
    public required string Email { get; init; }
    public required Cohort Cohort { get; init; }

    /// <summary>Day index (0 = a year ago) of joining, and of the last day of use (inclusive).</summary>
    public required int JoinDay { get; init; }
    public required int LastDay { get; init; }

    /// <summary>Minute of the local day they signed up.</summary>
    public required int JoinMinute { get; init; }

    public required int Zone { get; init; }
    public required int BaselinePain { get; init; }

    /// <summary>Points of pain gone after six weeks (0 for someone who does not improve).</summary>
    public required double Improvement { get; init; }

    public required int MorningMinutes { get; init; }
    public required int Age { get; init; }
    public required double CheckInRate { get; init; }
    public required double SessionRate { get; init; }

    /// <summary>Local minute of the day the daily routine usually starts.</summary>
    public required int RoutineMinute { get; init; }

    /// <summary>The daily routine's exercises (indexes into <see cref="Population.Routine"/>), in order.</summary>
    public required int[] Routine { get; init; }

    /// <summary>Desk-break exercises (indexes into <see cref="Population.DeskBreak"/>).</summary>
    public required int[] DeskBreak { get; init; }

    /// <summary>The everyday activities they rate (indexes into <see cref="Population.ActivityNames"/>) and the first scores.</summary>
    public required int[] Activities { get; init; }
    public required int[] ActivityScores { get; init; }

    public required string[] TightAreas { get; init; }
    public required string[] Triggers { get; init; }
    public required string[] DayActivities { get; init; }
    public required string[] Positions { get; init; }
    public required string[] Equipment { get; init; }
    public required int? SittingHours { get; init; }
    public required int MinutesPerSession { get; init; }
    public required int SessionsPerDay { get; init; }
    public required bool WorksAtDesk { get; init; }

    // Ids of the rows a person has exactly one of.
    public required Guid ConsentId { get; init; }
    public required Guid ProfileId { get; init; }
    public required Guid ProgramId { get; init; }
    public required Guid RoutineId { get; init; }
    public required Guid ConsentEventId { get; init; }
    public required string SecurityStamp { get; init; }
    public required Guid ConcurrencyStamp { get; init; }

    public bool ActiveOn(int day) => day >= JoinDay && day <= LastDay;
}

/// <summary>One exercise of one session, as the player logs it.</summary>
internal struct LogPlan
{
    public Guid Id;
    public int Exercise; // index into the session's pool
    public bool Completed;
    public int? WorstPain;
    public string? Feedback;
}

/// <summary>One session of one day.</summary>
internal struct SessionPlan
{
    public Guid Id;
    public string ClientSessionId;
    public bool IsRoutine;
    public DateTime StartedAt;
    public DateTime? FinishedAt;
    public int? PainBefore;
    public int? WorstPain;
    public int LogCount;

    /// <summary>The log (index into the logs) a stop was reported at, or -1.</summary>
    public int StopAt;
    public Guid StopId;
}

/// <summary>
/// The people of the generated database and everything about their year, as pure functions of the seed: who they are,
/// which days they check in and do sessions, how their pain goes. See bench/README.md for the distribution.
/// </summary>
internal sealed class Population
{
    public const string Password = "limber bench password";
    public const string EmailDomain = "bench.example.org";
    public const string CoachEmail = "coach@" + EmailDomain;
    public const string CoachDisplayName = "Sam Bench, physiotherapist";
    public const string OrganisationName = "Bench Clinic";

    // Shares of the people who are not the coach's clients (the rest are trials).
    public const double YearRoundShare = 0.08;
    public const double SeasonalShare = 0.22;

    public static readonly (string Zone, string Region)[] Zones =
    [
        ("Europe/London", "GB"), ("Europe/Berlin", "DE"), ("Europe/Paris", "FR"), ("Europe/Madrid", "ES"),
        ("Europe/Amsterdam", "NL"), ("America/New_York", "US"), ("America/Chicago", "US"), ("America/Los_Angeles", "US"),
        ("America/Toronto", "CA"), ("Australia/Sydney", "AU"), ("Pacific/Auckland", "NZ"), ("Asia/Kolkata", "IN"),
    ];

    public static readonly string[] ActivityNames =
    [
        "Putting on socks", "Getting out of a car", "Sitting through a meeting", "Picking something up from the floor",
        "Walking for 30 minutes", "Sleeping through the night", "Standing up after sitting", "Carrying shopping",
    ];

    private static readonly int[] DeskBreakMinutes = [0, 10 * 60 + 30, 14 * 60];
    private static readonly string[] Areas = ["lowerBack", "hipFront", "hipSide", "hamstrings", "glutes"];
    private static readonly string[] TriggerWords = ["onWaking", "afterSitting", "afterRunning", "afterLifting", "atNight"];
    private static readonly string[] DayWords = ["sitting", "running", "lifting", "standingWork"];
    private static readonly string[] Helped = ["heat", "ice", "walk", "sleepingPosition", "lumbarRoll"];
    private static readonly string[] Notes =
    [
        "Long day at the desk.", "Better after a walk.", "Slept badly.", "Stiff after the drive.", "Good day.",
    ];

    private readonly ulong _seed;
    private readonly long[,] _midnight; // UTC ticks of each zone's local midnight, by day index

    public Population(ulong seed, int people, int clients, int days, DateTime now, ExerciseCatalogue catalogue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(people, clients);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 30);
        _seed = seed;
        Days = days;
        Now = now;
        Today = DateOnly.FromDateTime(now);

        // Gentle exercises for the daily routine; seated or standing ones with at most a chair or a wall for desk breaks.
        Routine = [.. catalogue.All.Where(e => e.Difficulty <= 2).OrderBy(e => e.Id, StringComparer.Ordinal)];
        DeskBreak = [.. catalogue.All
            .Where(e => e.Difficulty <= 2 && e.Position is StartPosition.Seated or StartPosition.Standing
                && e.Equipment.All(q => q is Limber.Domain.Catalogue.Equipment.Chair or Limber.Domain.Catalogue.Equipment.Wall))
            .OrderBy(e => e.Id, StringComparer.Ordinal)];
        if (Routine.Count < 8 || DeskBreak.Count < 3)
        {
            throw new InvalidOperationException($"The catalogue has too few gentle exercises ({Routine.Count}) or desk-break ones ({DeskBreak.Count}).");
        }

        _midnight = new long[Zones.Length, days];
        for (var z = 0; z < Zones.Length; z++)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[z].Zone);
            for (var d = 0; d < days; d++)
            {
                var date = DateOf(d);
                var noon = date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Unspecified);
                var offset = zone.GetUtcOffset(noon);
                _midnight[z, d] = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).Ticks - offset.Ticks;
            }
        }

        var screen = WarningSignScreen.Validate(40, false, WarningSignScreen.Items.ToDictionary(i => i.Id, _ => (string?)"no")).Screen!;
        Screen = WarningSignScreen.Judge(screen);
        if (Screen.Disposition != Disposition.None)
        {
            throw new InvalidOperationException($"A screen answered 'no' throughout was judged {Screen.Disposition}, not None.");
        }
        ScreenItems = [.. WarningSignScreen.Items.Select(i => i.Id).Order(StringComparer.Ordinal)];
        Stop = StopRules.Decide(new SessionReport(SessionSymptom.PainDuringExercise, 6));

        People = [.. Enumerable.Range(0, people).Select(i => Make(i, i < clients))];
        Coach = Make(people, client: false, CoachEmail);
        BySignUp = [.. People.OrderBy(p => p.JoinDay).ThenBy(p => p.JoinMinute).ThenBy(p => p.Index)];
    }

    public int Days { get; }
    public DateTime Now { get; }
    public DateOnly Today { get; }
    public IReadOnlyList<Exercise> Routine { get; }
    public IReadOnlyList<Exercise> DeskBreak { get; }
    public ScreenResult Screen { get; }
    public IReadOnlyList<string> ScreenItems { get; }
    public StopDecision Stop { get; }

    /// <summary>Everyone but the coach, by index; the first ones are the coach's clients.</summary>
    public IReadOnlyList<PersonPlan> People { get; }

    /// <summary>The same people in the order they signed up: the order of the rows of one-per-person tables.</summary>
    public IReadOnlyList<PersonPlan> BySignUp { get; }

    public PersonPlan Coach { get; }

    /// <summary>When the coach's account was made: a week before the year begins, before any client joined.</summary>
    public DateTime CoachSince => At(Coach, 0, 8 * 60).AddDays(-7);

    public DateOnly DateOf(int day) => Today.AddDays(day - (Days - 1));

    /// <summary>A UTC instant: local <paramref name="minute"/> of <paramref name="day"/> in the person's zone.</summary>
    public DateTime At(PersonPlan person, int day, int minute) => new(_midnight[person.Zone, day] + (minute * TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    public DateTime SignedUpAt(PersonPlan person) => At(person, person.JoinDay, person.JoinMinute);

    /// <summary>The week of the six-week program on the last day, as the routine's stage is kept (1 to 3).</summary>
    public int StageOf(PersonPlan person)
    {
        var week = Math.Clamp(((Days - 1 - person.JoinDay) / ProgramPlanner.DaysPerWeek) + 1, 1, ProgramPlanner.Weeks);
        return (int)ProgramPlanner.StageOf(week) + 1;
    }

    private PersonPlan Make(int index, bool client, string? email = null)
    {
        var d = Draw.For(_seed, (ulong)index, 0, 1);
        var share = d.Unit();
        var cohort = client ? Cohort.Client : share < YearRoundShare ? Cohort.YearRound : share < YearRoundShare + SeasonalShare ? Cohort.Seasonal : Cohort.Trial;
        var last = Days - 1;
        var (join, end, checkIn, session) = cohort switch
        {
            Cohort.Client => (d.Between(0, 6), last, 1.0, 0.95),
            Cohort.YearRound => (d.Between(0, 29), last, 0.85, 0.75),
            Cohort.Seasonal => Span(ref d, d.Between(4, 26) * 7, 0.70, 0.60),
            Cohort.Trial => Span(ref d, d.Between(3, 28), 0.60, 0.50),
        };

        var baseline = d.Between(3, 7);
        var improves = d.Chance(0.85);
        var areas = Subset(ref d, Areas, 1, 3);
        var day = Subset(ref d, DayWords, 1, 2);
        var desk = day.Contains("sitting") || day.Contains("standingWork");
        var positions = new List<string> { "standing", "chair" };
        if (d.Chance(0.7))
        {
            positions.Insert(0, "floor");
        }
        if (d.Chance(0.5))
        {
            positions.Insert(0, "kneeling");
        }
        var equipment = new List<string> { "chair" };
        foreach (var (item, p) in new[] { ("towel", 0.6), ("mat", 0.5), ("wall", 0.4), ("pillow", 0.3), ("foamRoller", 0.15) })
        {
            if (d.Chance(p))
            {
                equipment.Add(item);
            }
        }
        // About one exercise per two minutes of the routine's length, as the planner fits doses to it.
        var minutes = new[] { 5, 10, 15, 20 }[d.Below(4)];
        var routine = d.Pick(Math.Clamp((minutes / 2) + d.Between(-1, 1), 3, 8), Routine.Count);
        var deskBreak = d.Pick(3, DeskBreak.Count);
        var activities = d.Pick(3, ActivityNames.Length);
        var stamp = new byte[20];
        for (var i = 0; i < stamp.Length; i++)
        {
            stamp[i] = (byte)d.Below(256);
        }
        return new PersonPlan
        {
            Index = index,
            Id = d.Uuid(),
            Email = email ?? $"person{index:D6}@{EmailDomain}",
            Cohort = cohort,
            JoinDay = join,
            LastDay = end,
            JoinMinute = d.Between(7 * 60, 22 * 60),
            Zone = d.Below(Zones.Length),
            BaselinePain = baseline,
            Improvement = improves ? 1 + (d.Unit() * 2.5) : d.Unit() * 0.5,
            MorningMinutes = d.Between(5, 60),
            Age = d.Between(22, 49),
            CheckInRate = checkIn,
            SessionRate = session,
            RoutineMinute = d.Chance(0.6) ? d.Between(6 * 60 + 30, 9 * 60) : d.Between(17 * 60, 21 * 60),
            Routine = routine,
            DeskBreak = deskBreak,
            Activities = activities,
            ActivityScores = [.. activities.Select(_ => d.Between(4, 9))],
            TightAreas = areas,
            Triggers = Subset(ref d, TriggerWords, 1, 3),
            DayActivities = day,
            Positions = [.. positions],
            Equipment = [.. equipment],
            SittingHours = day.Contains("sitting") ? d.Between(4, 10) : null,
            MinutesPerSession = minutes,
            SessionsPerDay = d.Between(1, 3),
            WorksAtDesk = desk,
            ConsentId = d.Uuid(),
            ProfileId = d.Uuid(),
            ProgramId = d.Uuid(),
            RoutineId = d.Uuid(),
            ConsentEventId = d.Uuid(),
            SecurityStamp = Base32(stamp),
            ConcurrencyStamp = d.Uuid(),
        };
    }

    private (int Join, int Last, double CheckIn, double Session) Span(ref Draw d, int length, double checkIn, double session)
    {
        // Nobody joins today or yesterday: every person has a whole first day behind them.
        var join = d.Between(0, Days - 3);
        return (join, Math.Min(join + length - 1, Days - 1), checkIn, session);
    }

    private static string[] Subset(ref Draw d, string[] from, int min, int max) =>
        [.. d.Pick(d.Between(min, max), from.Length).Order().Select(i => from[i])];

    // ---- a person's day ------------------------------------------------------------------------------------------

    /// <summary>How far into the six weeks of most improvement: 0 on the first day, 1 from week 6 on.</summary>
    private static double Progress(PersonPlan p, int day) => Math.Min((day - p.JoinDay) / 42.0, 1.0);

    /// <summary>Pain that day (0-10): the baseline, less the improvement so far, with day-to-day noise and a few flare-ups.</summary>
    public int Pain(PersonPlan p, int day)
    {
        var d = Draw.For(_seed, (ulong)p.Index, (ulong)day, 2);
        var noise = d.Unit() switch { < 0.2 => -1, < 0.8 => 0, _ => 1 };
        var flare = d.Chance(0.03) ? d.Between(2, 3) : 0;
        return Math.Clamp((int)Math.Round(p.BaselinePain - (p.Improvement * Progress(p, day)) + noise + flare), 0, 10);
    }

    /// <summary>The check-in of that day, if the person made one (and it is not in the future).</summary>
    public bool CheckIn(PersonPlan p, int day, out CheckInPlan plan)
    {
        plan = default;
        if (!p.ActiveOn(day))
        {
            return false;
        }
        var d = Draw.For(_seed, (ulong)p.Index, (ulong)day, 3);
        if (!d.Chance(p.CheckInRate))
        {
            return false;
        }
        var at = At(p, day, d.Between(6 * 60 + 30, 10 * 60));
        if (at > Now)
        {
            return false;
        }
        var pain = Pain(p, day);
        plan = new CheckInPlan
        {
            Id = d.Uuid(),
            RecordedAt = at,
            Pain = pain,
            Stiffness = d.Chance(0.85) ? Math.Clamp(pain + d.Between(-1, 2), 0, 10) : null,
            MorningMinutes = d.Chance(0.7) ? Math.Clamp((int)(p.MorningMinutes * (1 - (0.5 * Progress(p, day)))) + d.Between(-5, 5), 0, 1440) : null,
            WhereFelt = p.TightAreas.Length == 1 || d.Chance(0.6) ? [p.TightAreas[0]] : p.TightAreas[..2],
            WhatHelped = d.Unit() switch { < 0.4 => [], < 0.8 => [Helped[d.Below(Helped.Length)]], _ => Subset(ref d, Helped, 2, 2) },
            Note = d.Chance(0.03) ? Notes[d.Below(Notes.Length)] : null,
        };
        return true;
    }

    /// <summary>
    /// The sessions of that day (0 to 3): first the daily routine, then desk breaks, each with its exercise logs and, rarely,
    /// a stop (pain above 5 during an exercise). Fills <paramref name="sessions"/> and <paramref name="logs"/> (8 logs per
    /// session at most: session <c>k</c>'s are at <c>k * 8</c>); answers how many sessions.
    /// </summary>
    public int Sessions(PersonPlan p, int day, Span<SessionPlan> sessions, Span<LogPlan> logs)
    {
        if (!p.ActiveOn(day))
        {
            return 0;
        }
        var d = Draw.For(_seed, (ulong)p.Index, (ulong)day, 4);
        if (!d.Chance(p.SessionRate))
        {
            return 0;
        }
        var count = d.Unit() switch { < 0.72 => 1, < 0.94 => 2, _ => 3 };
        var pain = Pain(p, day);
        var made = 0;
        for (var k = 0; k < count; k++)
        {
            var s = Draw.For(_seed, (ulong)p.Index, (ulong)day, 100 + (ulong)k);
            var routine = k == 0;
            var minute = routine ? p.RoutineMinute + s.Between(-20, 20) : DeskBreakMinutes[k] + s.Between(-30, 30);
            var started = At(p, day, minute);
            var seconds = routine ? (int)(p.MinutesPerSession * 60 * (0.8 + (s.Unit() * 0.4))) : s.Between(120, 240);
            var finished = started.AddSeconds(seconds);
            if (finished > Now)
            {
                continue;
            }
            var exercises = routine ? p.Routine.Length : s.Between(2, 3);
            var stopAt = routine && s.Chance(0.004) ? s.Below(exercises) : -1;
            var worst = -1;
            var at = made * 8;
            for (var e = 0; e < exercises; e++)
            {
                var feedback = s.Unit() switch
                {
                    < 0.12 => "tooEasy",
                    < 0.90 => "aboutRight",
                    < 0.95 => "tooHard",
                    < 0.96 => "hurt",
                    _ => null,
                };
                int? worstPain = s.Chance(0.4) ? Math.Clamp(pain + (feedback == "hurt" ? 2 : s.Between(-2, 1)), 0, 10) : null;
                var stopped = e == stopAt;
                if (stopped)
                {
                    feedback = "hurt";
                    worstPain = 6;
                }
                logs[at + e] = new LogPlan
                {
                    Id = s.Uuid(),
                    Exercise = routine ? p.Routine[e] : p.DeskBreak[e],
                    Completed = !stopped && s.Chance(0.96),
                    WorstPain = worstPain,
                    Feedback = feedback,
                };
                worst = Math.Max(worst, worstPain ?? -1);
            }
            int? before = s.Chance(0.85) ? Math.Clamp(pain + s.Between(-1, 1), 0, 10) : null;
            sessions[made++] = new SessionPlan
            {
                Id = s.Uuid(),
                ClientSessionId = s.Uuid().ToString("D"),
                IsRoutine = routine,
                StartedAt = started,
                FinishedAt = stopAt < 0 && s.Chance(0.04) ? null : finished,
                PainBefore = before,
                WorstPain = s.Chance(0.9) ? Math.Max(worst, before ?? pain) : null,
                LogCount = exercises,
                StopAt = stopAt,
                StopId = s.Uuid(),
            };
        }
        return made;
    }

    /// <summary>The everyday-activity ratings: on joining, then every two weeks while the person uses Limber.</summary>
    public bool RatingDay(PersonPlan p, int day) => p.ActiveOn(day) && (day - p.JoinDay) % 14 == 0 && RatedAt(p, day) <= Now;

    public DateTime RatedAt(PersonPlan p, int day) => day == p.JoinDay ? SignedUpAt(p).AddMinutes(6) : At(p, day, 20 * 60);

    public int Rating(PersonPlan p, int day, int activity)
    {
        var d = Draw.For(_seed, (ulong)p.Index, (ulong)day, 10 + (ulong)activity);
        var gain = p.Improvement * Progress(p, day);
        return Math.Clamp((int)Math.Round(p.ActivityScores[activity] - gain + d.Between(-1, 1)), 0, 10);
    }

    /// <summary>
    /// The warning-sign screens: the full screen on joining, then the emergency items again every 7 days while the
    /// person uses Limber (safety.md section 3); each stores every answer. Null when there is none that day.
    /// </summary>
    public (Guid Id, DateTime TakenAt, bool Full)? ScreenOn(PersonPlan p, int day)
    {
        if (!p.ActiveOn(day) || (day - p.JoinDay) % 7 != 0)
        {
            return null;
        }
        var d = Draw.For(_seed, (ulong)p.Index, (ulong)day, 5);
        var full = day == p.JoinDay;
        var at = full ? SignedUpAt(p).AddMinutes(8) : At(p, day, Math.Max(0, p.RoutineMinute - 25 + d.Between(0, 5)));
        return at > Now ? null : (d.Uuid(), at, full);
    }

    /// <summary>The audit event and coach link of one client, from their index.</summary>
    public (Guid Link, Guid Event, DateTime StartedAt) ClientLink(PersonPlan client)
    {
        var d = Draw.For(_seed, (ulong)client.Index, 0, 6);
        return (d.Uuid(), d.Uuid(), SignedUpAt(client).AddDays(1));
    }

    private static string Base32(byte[] bytes)
    {
        // RFC 4648 Base32, as ASP.NET Identity writes security stamps (20 random bytes, 32 characters).
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }
}

/// <summary>One check-in.</summary>
internal struct CheckInPlan
{
    public Guid Id;
    public DateTime RecordedAt;
    public int Pain;
    public int? Stiffness;
    public int? MorningMinutes;
    public string[] WhereFelt;
    public string[] WhatHelped;
    public string? Note;
}
