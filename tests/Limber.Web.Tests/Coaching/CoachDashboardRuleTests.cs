using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Coaching;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The dashboard's faster forms of its rules give what their straightforward forms give, for generated histories: the
/// watched ratings full of ties (the same instant, the same name in another case, the same id, the same rating twice),
/// the review suggested, which the replay now runs for only when a review can be in force today, and the decisions on
/// single sessions that a dashboard's rows share.
/// </summary>
public sealed class CoachDashboardRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly Guid[] Ids = [.. Enumerable.Range(1, 4).Select(i => new Guid(i, 0, 0, new byte[8]))];

    /// <summary>Ratings over 60 days before <see cref="Now"/>, on few instants and names so that ties are common.</summary>
    private static readonly Gen<List<ProfileActivity>> Ratings =
        Gen.Select(Gen.Int[0, 60 * 4], Gen.OneOfConst("Walking", "walking", "Carrying", "Sitting"), Gen.Int[0, 3], Gen.Int[0, 10],
                Gen.OneOfConst(TimeSpan.Zero, TimeSpan.FromHours(5)))
            .Select((quarterDays, name, id, score, offset) => new ProfileActivity
            {
                Id = Ids[id], Name = name, Score = score, RecordedAt = Now.AddHours(-6 * quarterDays).ToOffset(offset),
            })
            .List[0, 40]
            .SelectMany(list => Gen.Int[0, 3].Select(twice => list.Count == 0 ? list : [.. list, .. list.Take(twice)]));

    [Fact]
    public void Watched_ratings_are_those_of_sorting_the_whole_history_then_picking() =>
        Gen.Select(Ratings, Gen.Int[-3, 30]).Sample((ratings, daysLater) =>
        {
            var now = Now.AddDays(daysLater);
            var picked = CoachDashboard.WatchedRatings(ratings, now);
            var expected = Straightforward(ratings, now);
            picked.Count.ShouldBe(expected.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                picked[i].ShouldBeSameAs(expected[i]);
            }
        }, iter: 2000);

    private static readonly Lazy<ExerciseCatalogue> Catalogue = new(LoadCatalogue);

    private static readonly string[] ExerciseIds = ["bird-dog", "butterfly-stretch", "air-squat", "no-such-exercise"];

    private static readonly Gen<string?> Feedback = Gen.OneOfConst<string?>("tooEasy", "aboutRight", "aboutRight", "tooHard", "hurt", null, "sideways");

    private static readonly Gen<int?> MaybePain = Gen.Frequency((2, Gen.Int[0, 10].Select(p => (int?)p)), (1, Gen.Int[0, 0].Select(_ => (int?)null)));

    private static readonly Gen<int?> MaybeMinutes = Gen.Frequency((2, Gen.Int[0, 60].Select(m => (int?)m)), (1, Gen.Int[0, 0].Select(_ => (int?)null)));

    /// <summary>A client's recent weeks: sessions of the dose window, check-ins of five weeks, and the coach's thresholds.</summary>
    private static readonly Gen<DashboardClientInput> Clients =
        from baseline in Gen.Int[0, 8]
        from usual in MaybeMinutes
        from programDays in Gen.Int[0, 70]
        from regressions in Gen.Int[1, 4]
        from window in Gen.Int[1, 10]
        from weeks in Gen.Int[1, 3]
        from rise in Gen.OneOfConst(1.0, 1.5, 2.0, 3.0)
        from checkIns in Gen.Select(Gen.Int[0, 35], Gen.Frequency((3, Gen.Int[baseline, Math.Min(10, baseline + 4)]), (1, Gen.Int[0, 10])),
                MaybeMinutes)
            .Select((day, pain, stiff) => (Day: day, Pain: pain, Stiff: stiff))
            .List[0, 45]
        from sessions in Gen.Select(Gen.Int[0, 10], MaybePain, MaybePain,
                Gen.Select(Gen.OneOfConst(ExerciseIds), MaybePain, Feedback).List[1, 4], Gen.Bool)
            .List[0, 12]
        select Client(baseline, usual, programDays, new ProgressionSettings
        {
            ReviewRegressions = regressions, ReviewRegressionWindowDays = window, ReviewWeeks = weeks, ReviewWeeklyPainRise = rise,
        }, checkIns, sessions);

    [Fact]
    public void The_review_suggested_is_the_whole_replay_answer()
    {
        var rising = 0;
        var repeated = 0;
        Clients.Sample(input =>
        {
            var row = CoachDashboard.Row(input, Catalogue.Value);
            var review = row.Flags.SingleOrDefault(f => f.Kind == CoachFlagKind.ReviewSuggested);
            var expected = ReplayedReview(input);
            (review is null).ShouldBe(expected is null);
            if (expected is not null)
            {
                var isRising = expected.RuleId == DoseProgression.ReviewWeeklyPainRising;
                Interlocked.Increment(ref isRising ? ref rising : ref repeated);
                review!.Level.ShouldBe(expected.Disposition);
                review.Details.Single().Contains("weekly mean pain", StringComparison.Ordinal).ShouldBe(isRising);
            }
        }, iter: 3000);
        // Both kinds of review were generated, so both ways of skipping the replay were put to the test.
        rising.ShouldBeGreaterThan(0);
        repeated.ShouldBeGreaterThan(0);
    }

    /// <summary>One session's feedback, with or without a next morning, on few values so that repeats are common.</summary>
    private static readonly Gen<(ExerciseFeedbackEntry Entry, NextMorning? Next, int Baseline, ProgressionSettings Settings)> SessionsAlone =
        from day in Gen.Int[0, 30]
        from exercise in Gen.OneOfConst(ExerciseIds)
        from sessionBaseline in Gen.Int[0, 10]
        from worst in Gen.Int[0, 10]
        from feedback in Gen.Enum<ExerciseFeedback>()
        from next in Gen.Frequency(
            (3, Gen.Select(Gen.Int[0, 10], Gen.Bool).Select((pain, stiff) => (NextMorning?)new NextMorning(pain, stiff))),
            (1, Gen.Int[0, 0].Select(_ => (NextMorning?)null)))
        from baseline in Gen.Int[0, 10]
        from regressions in Gen.Int[1, 2]
        from worstAbove in Gen.Int[4, 5]
        select (new ExerciseFeedbackEntry(exercise, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-day), Now.AddDays(-day), sessionBaseline, worst, feedback),
            next, baseline,
            // Equal settings made apart: a decision is reused by the settings' values, not the instance.
            new ProgressionSettings { ReviewRegressions = regressions, RegressWorstPainAbove = worstAbove });

    [Fact]
    public void A_remembered_decision_on_one_session_is_the_one_the_rules_make() =>
        SessionsAlone.List[1, 60].Sample(sessions =>
        {
            var decisions = new SessionDoseDecisions();
            foreach (var (entry, next, baseline, settings) in sessions)
            {
                var expected = DoseProgression.Decide(new ProgressionInput(
                    [new SessionFeedback(entry.Date, entry.BaselinePain, entry.WorstPain, entry.Feedback, next)], 0, [], baseline), settings);
                decisions.Decide(entry, next, baseline, settings).ShouldBe(expected);
            }
        }, iter: 2000);

    [Fact]
    public void Rows_made_with_shared_decisions_are_the_rows_made_alone() =>
        Clients.List[1, 8].Sample(clients =>
        {
            var decisions = new SessionDoseDecisions();
            foreach (var input in clients)
            {
                var shared = CoachDashboard.Row(input, Catalogue.Value, decisions);
                var alone = CoachDashboard.Row(input, Catalogue.Value);
                shared.Rank.ShouldBe(alone.Rank);
                shared.Flags.Select(f => (f.Kind, f.Level, f.Title, string.Join("\n", f.Details)))
                    .ShouldBe(alone.Flags.Select(f => (f.Kind, f.Level, f.Title, string.Join("\n", f.Details))));
            }
        }, iter: 500);

    /// <summary>The straightforward form: the replay over the dose window's sessions, always run.</summary>
    private static ProgressionDecision? ReplayedReview(DashboardClientInput input)
    {
        var profile = input.Profile!;
        var program = input.Program!;
        var s = input.Settings;
        var today = DateOnly.FromDateTime(input.Now.UtcDateTime);
        var from = today.AddDays(1 - CoachDashboard.ReviewDays(s));
        var painOn = input.CheckIns.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.Max(c => c.Pain));
        var entries = input.DoseSessions
            .Where(session => session.Date >= from && session.Date <= today && session.Date >= program.StartedOn)
            .SelectMany(session => DoseRecords.FeedbackOf(session, painOn, profile.BaselinePain))
            .Where(e => Catalogue.Value.Find(e.ExerciseId) is not null)
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }
        var mornings = input.CheckIns.Select(c => new MorningCheckIn(c.Date, c.Pain, c.MorningStiffnessMinutes)).ToList();
        return DoseAdaptation.Replay(
            new AdaptationInput(entries, mornings, program.StartedOn, profile.BaselinePain, profile.MorningStiffnessMinutes ?? 0, null),
            Catalogue.Value, today, s).Review;
    }

    private static DashboardClientInput Client(int baseline, int? usual, int programDays, ProgressionSettings settings,
        List<(int Day, int Pain, int? Stiff)> checkIns,
        List<(int Day, int? PainBefore, int? WorstPain, List<(string Exercise, int? WorstPain, string? Feedback)> Logs, bool Stopped)> sessions)
    {
        var person = Guid.NewGuid();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var profile = new Profile { PersonId = person, BaselinePain = baseline, MorningStiffnessMinutes = usual };
        var program = new Limber.Storage.Program { PersonId = person, Name = "Six weeks", StartedOn = today.AddDays(-programDays) };
        var link = new CoachLink
        {
            Id = Guid.NewGuid(), PersonId = person, StartedAt = Now.AddDays(-90), ConsentVersion = "2026-11",
            SharesProgress = true, SharesSessions = true, SharesScreens = true, SharesProgram = true,
        };
        var doseSessions = sessions.Select((x, i) =>
        {
            var id = Guid.NewGuid();
            var date = today.AddDays(-x.Day);
            var session = new Session
            {
                Id = id, PersonId = person, ClientSessionId = $"s{i}", Date = date, StartedAt = new DateTimeOffset(date, new TimeOnly(8, i), TimeSpan.Zero),
                PainBefore = x.PainBefore, WorstPain = x.WorstPain,
                Exercises = [.. x.Logs.Select(l => new ExerciseLog { SessionId = id, PersonId = person, ExerciseId = l.Exercise, WorstPain = l.WorstPain, Feedback = l.Feedback })],
            };
            if (x.Stopped)
            {
                session.Stops = [new SessionStop
                {
                    SessionId = id, PersonId = person, ExerciseId = x.Logs[0].Exercise, RuleId = "stop.pain_above_5", PainScore = 7,
                    Action = StopAction.StopSetRegressNextSession, At = session.StartedAt.AddMinutes(3),
                }];
            }
            return session;
        }).ToList();
        return new DashboardClientInput(link, CoachShares.Of(link), Now, profile, program, [], null, doseSessions, [],
            [.. checkIns.Select(c => new DashboardCheckIn(person, today.AddDays(-c.Day), c.Pain, c.Stiff))], [], null, null, settings);
    }

    private static ExerciseCatalogue LoadCatalogue()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Limber.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Cannot find the repository root (Limber.slnx).");
        }
        var content = Path.Combine(root.FullName, "content");
        return CatalogueLoader.Load(
                new ContentFile("content/sources.yaml", File.ReadAllText(Path.Combine(content, "sources.yaml"))),
                [.. Directory.EnumerateFiles(Path.Combine(content, "exercises"), "*.yaml")
                    .Select(p => new ContentFile("content/exercises/" + Path.GetFileName(p), File.ReadAllText(p)))])
            .CatalogueOrThrow();
    }

    /// <summary>The form the dashboard had before: the whole history sorted, then the ratings picked from it.</summary>
    private static List<ProfileActivity> Straightforward(IReadOnlyList<ProfileActivity> ratings, DateTimeOffset now)
    {
        var ordered = ratings.OrderBy(a => a.RecordedAt).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id).ToList();
        if (ordered.Count == 0)
        {
            return ordered;
        }
        var firstDayEnds = ordered[0].RecordedAt.AddDays(1);
        var windowStarts = now.AddDays(-(ImprovementWatch.ActivityWindowDays + 1));
        var latestBefore = ordered.Where(a => a.RecordedAt < windowStarts)
            .GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last())
            .ToHashSet();
        return [.. ordered.Where(a => a.RecordedAt < firstDayEnds || a.RecordedAt >= windowStarts || latestBefore.Contains(a))];
    }
}
