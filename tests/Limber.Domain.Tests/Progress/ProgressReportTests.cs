using CsCheck;
using Limber.Domain.Progress;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Progress;

/// <summary>
/// Eight weeks of generated check-ins and sessions, with the day passed in as a fake clock: the trends, the
/// not-improving watch and "what seemed to help".
/// </summary>
public class ProgressReportTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);
    private static readonly DateOnly EightWeeks = Start.AddDays(55);

    private static ProgressInput Input(
        Func<int, int?> painOnDay, int baseline = 6, DateOnly? today = null, Func<int, string[]>? helped = null,
        Func<int, int>? sessionsOnDay = null, double baselineActivity = 4, IReadOnlyList<DatedScore>? activity = null, int age = 40)
    {
        var last = today ?? EightWeeks;
        var days = last.DayNumber - Start.DayNumber + 1;
        var checkIns = Enumerable.Range(0, days)
            .Where(d => painOnDay(d) is not null)
            .Select(d => new CheckInEntry(Start.AddDays(d), painOnDay(d)!.Value, 3, 20, helped?.Invoke(d) ?? []))
            .ToList();
        var sessions = Enumerable.Range(0, days).SelectMany(d => Enumerable.Repeat(Start.AddDays(d), sessionsOnDay?.Invoke(d) ?? 0)).ToList();
        return new ProgressInput(Start, last, baseline, baselineActivity, age, checkIns, sessions, activity ?? []);
    }

    [Fact]
    public void Pain_falling_over_eight_weeks_shows_as_a_falling_7_day_mean_below_the_meaningful_change_line()
    {
        // From 6 down to 2: one point every two weeks.
        var report = ProgressReport.Build(Input(d => 6 - d / 14));

        report.Pain.Count.ShouldBe(56);
        report.Pain[0].MeanOf7Days.ShouldBe(6);
        report.Pain[^1].MeanOf7Days.ShouldBe(3);
        report.Pain.Select(p => p.MeanOf7Days!.Value).ShouldBeInOrder(SortDirection.Descending);
        report.MeaningfulChange.ShouldBe(4, "2 points below 6 (30 % would be 1.8)");
        report.Watch.Disposition.ShouldBe(Disposition.None);
        report.Watch.UsualWindow.End.ShouldBe(Start.AddDays(41));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(5, 3)]
    [InlineData(10, 7)]
    public void The_meaningful_change_is_2_points_or_30_percent_whichever_is_more(int baseline, double line) =>
        ProgressReport.MeaningfulChangeFrom(baseline).ShouldBe(line, 1e-9);

    [Fact]
    public void Pain_getting_worse_from_week_2_raises_the_watch()
    {
        var report = ProgressReport.Build(Input(d => d < 7 ? 3 : 6, baseline: 3, today: Start.AddDays(13)));
        report.Watch.Reasons.Select(r => r.RuleId).ShouldContain(ImprovementWatch.GettingWorse);
        report.Watch.Disposition.ShouldBe(Disposition.Routine);
    }

    [Fact]
    public void No_improvement_in_pain_or_activities_by_week_4_raises_the_watch_and_activity_improvement_is_enough_to_stop_it()
    {
        var flat = ProgressReport.Build(Input(_ => 5, baseline: 5, today: Start.AddDays(27)));
        flat.Watch.Reasons.Select(r => r.RuleId).ShouldBe([ImprovementWatch.NotImproving]);

        var better = ProgressReport.Build(Input(_ => 5, baseline: 5, today: Start.AddDays(27), baselineActivity: 4,
            activity: [new DatedScore(Start.AddDays(10), 4.5), new DatedScore(Start.AddDays(27), 6.5)]));
        better.Watch.Disposition.ShouldBe(Disposition.None, "the last round of activity scores is 2.5 points better");
        better.Activity.Select(a => a.Score).ShouldBe([4.5, 6.5]);
    }

    [Fact]
    public void Days_without_a_check_in_have_no_pain_and_the_mean_covers_only_days_with_one()
    {
        var report = ProgressReport.Build(Input(d => d % 3 == 0 ? d % 2 == 0 ? 2 : 5 : null, today: Start.AddDays(6)));
        report.Pain.Select(p => p.Pain).ShouldBe([2, null, null, 5, null, null, 2]);
        report.Pain[^1].MeanOf7Days.ShouldBe(3);
        report.Pain[1].MeanOf7Days.ShouldBe(2);
    }

    [Fact]
    public void What_seemed_to_help_compares_the_next_days_pain_and_stays_hidden_until_there_are_enough_days()
    {
        // Heat every other day; the day after heat is a 3, the day after no heat a 5.
        int? Pain(int d) => d == 0 ? 4 : (d - 1) % 2 == 0 ? 3 : 5;
        string[] Heat(int d) => d % 2 == 0 ? ["heat"] : [];

        var early = ProgressReport.Build(Input(Pain, today: Start.AddDays(8), helped: Heat)).WhatHelped.Single(h => h.Action == "heat");
        early.Enough.ShouldBeFalse();
        early.DaysWith.ShouldBe(4);
        early.Words.ShouldContain("Not enough days yet");

        var later = ProgressReport.Build(Input(Pain, helped: Heat)).WhatHelped.Single(h => h.Action == "heat");
        later.Enough.ShouldBeTrue();
        later.NextDayPainWith.ShouldBe(3);
        later.NextDayPainWithout.ShouldBe(5);
        later.Words.ShouldContain("easier after using heat");
        later.Words.ShouldContain("not proof");

        // An action never taken is never shown as a finding.
        ProgressReport.Build(Input(Pain, helped: Heat)).WhatHelped.Single(h => h.Action == "swim").Enough.ShouldBeFalse();
    }

    [Fact]
    public void Adherence_counts_sessions_a_day_and_the_streaks()
    {
        // Sessions every day of weeks 1-3 except day 10; two on day 5; none in week 4 until the last three days.
        var report = ProgressReport.Build(Input(_ => 4, today: Start.AddDays(27),
            sessionsOnDay: d => d == 10 ? 0 : d == 5 ? 2 : d < 21 || d >= 25 ? 1 : 0));
        var adherence = report.Adherence;
        adherence.Days.Count.ShouldBe(28);
        adherence.Days[5].Sessions.ShouldBe(2);
        adherence.LongestStreak.ShouldBe(10, "days 11 to 20");
        adherence.CurrentStreak.ShouldBe(3);
        adherence.DaysDoneLast7.ShouldBe(3);
        adherence.DaysDoneLast28.ShouldBe(23);
    }

    [Fact]
    public void Todays_session_not_yet_done_does_not_break_the_streak()
    {
        var report = ProgressReport.Build(Input(_ => 4, today: Start.AddDays(9), sessionsOnDay: d => d < 9 ? 1 : 0));
        report.Adherence.CurrentStreak.ShouldBe(9);
    }

    [Fact]
    public void Any_eight_weeks_of_entries_give_one_day_each_and_means_on_the_0_to_10_scale()
    {
        Gen.Select(Gen.Int[0, 10].Array[56], Gen.Int[0, 99].Array[56], Gen.Int[0, 10]).Sample((pains, gaps, baseline) =>
        {
            var input = Input(d => gaps[d] < 30 ? null : pains[d], baseline: baseline,
                helped: d => pains[d] % 2 == 0 ? ["walk"] : [], sessionsOnDay: d => gaps[d] % 3);
            var report = ProgressReport.Build(input);
            // Today shows the watch alone: it must say what the progress page says.
            var watch = ProgressReport.WatchOf(input with { SessionDates = [] });
            (watch.Disposition, watch.MeanPainLast7Days).ShouldBe((report.Watch.Disposition, report.Watch.MeanPainLast7Days));
            watch.Reasons.Select(r => r.Text).ShouldBe(report.Watch.Reasons.Select(r => r.Text));
            report.Pain.Count.ShouldBe(56);
            report.Pain.Select(p => p.Date).ShouldBe(Enumerable.Range(0, 56).Select(Start.AddDays));
            report.Pain.Where(p => p.MeanOf7Days is not null).ShouldAllBe(p => p.MeanOf7Days >= 0 && p.MeanOf7Days <= 10);
            report.Adherence.LongestStreak.ShouldBeGreaterThanOrEqualTo(report.Adherence.CurrentStreak);
            report.WhatHelped.ShouldAllBe(h => h.Enough == (h.DaysWith >= ProgressReport.HelpedMinimumDays && h.DaysWithout >= ProgressReport.HelpedMinimumDays));
        }, iter: 300);
    }
}
