using Limber.Domain.Safety;
using static Limber.Domain.Safety.Disposition;

namespace Limber.Domain.Tests.Safety;

/// <summary>
/// safety.md section 6. Day 0 is the program's first day, so days 0–6 are week 1, day 7 starts week 2 and day 21 week 4.
/// Unless a row says otherwise: baseline pain 5, baseline activity 4, age 40.
/// </summary>
public class ImprovementWatchTests
{
    private static readonly DateOnly Start = new(2026, 10, 5);

    /// <summary>Judges day <paramref name="day"/> with the same pain every day of the last week and one activity score that day.</summary>
    private static WatchResult Watch(int day, double? pain, double? activity = 4, double baselinePain = 5, double baselineActivity = 4, int age = 40)
    {
        var today = Start.AddDays(day);
        var pains = pain is { } p ? Enumerable.Range(0, 7).Select(d => new DatedScore(today.AddDays(-d), p)).Where(e => e.Date >= Start).ToList() : [];
        var activities = activity is { } a ? new List<DatedScore> { new(today, a) } : [];
        return ImprovementWatch.Judge(new WatchInput(baselinePain, baselineActivity, pains, activities, Start, today, age));
    }

    [Theory]
    // watch.getting_worse: from week 2, the 7-day mean pain 2 or more above baseline gives routine.
    [InlineData("week 1 is too early to call it worse", 6, 9.0, 4.0, 5.0, 40, None, "")]
    [InlineData("week 2, mean pain 2 above baseline", 7, 7.0, 4.0, 5.0, 40, Routine, "watch.getting_worse")]
    [InlineData("week 2, mean pain 1 above baseline", 7, 6.0, 4.0, 5.0, 40, None, "")]
    [InlineData("week 3, pain much worse", 20, 9.0, 4.0, 5.0, 40, Routine, "watch.getting_worse")]
    // watch.not_improving: from week 4, no meaningful improvement in pain (2 points or 30 %) nor activities (2 points).
    [InlineData("week 3 is too early to call no improvement", 20, 5.0, 4.0, 5.0, 40, None, "")]
    [InlineData("week 4, no change, under 50", 21, 5.0, 4.0, 5.0, 49, Routine, "watch.not_improving")]
    [InlineData("week 4, no change, 50 or over", 21, 5.0, 4.0, 5.0, 50, Urgent, "watch.not_improving")]
    [InlineData("week 7, no change, 50 or over", 45, 5.0, 4.0, 5.0, 70, Urgent, "watch.not_improving")]
    [InlineData("pain 2 points better", 21, 3.0, 4.0, 5.0, 60, None, "")]
    [InlineData("pain 30 % better", 21, 3.5, 4.0, 5.0, 60, None, "")]
    [InlineData("pain a little under 30 % better", 21, 3.6, 4.0, 5.0, 60, Urgent, "watch.not_improving")]
    [InlineData("activities 2 points better", 21, 5.0, 6.0, 5.0, 60, None, "")]
    [InlineData("activities a little under 2 points better", 21, 5.0, 5.9, 5.0, 40, Routine, "watch.not_improving")]
    [InlineData("no pain to improve and activities unchanged", 21, 0.0, 4.0, 0.0, 40, Routine, "watch.not_improving")]
    [InlineData("no pain to improve and activities better", 21, 0.0, 6.0, 0.0, 40, None, "")]
    // Both rules at once: the highest wins and both are listed, most serious first.
    [InlineData("week 5, worse and not improving, 50 or over", 30, 8.0, 4.0, 5.0, 55, Urgent, "watch.not_improving watch.getting_worse")]
    [InlineData("week 5, worse and not improving, under 50", 30, 8.0, 4.0, 5.0, 30, Routine, "watch.getting_worse watch.not_improving")]
    public void The_watch_follows_safety_md_section_6(
        string condition, int day, double pain, double activity, double baselinePain, int age, Disposition expected, string rules)
    {
        var result = Watch(day, pain, activity, baselinePain, age: age);

        result.Disposition.ShouldBe(expected, condition);
        string.Join(" ", result.Reasons.Select(r => r.RuleId)).ShouldBe(rules, condition);
    }

    [Fact]
    public void Getting_worse_says_so_in_plain_words_with_the_figures()
    {
        Watch(7, 7).Reasons.Single().Text.ShouldBe(
            "It is getting worse: your average pain over the last 7 days is 7, 2 or more points above where you started (5). "
            + "Please book an appointment with a doctor or physiotherapist.");
    }

    [Fact]
    public void Not_improving_at_50_or_over_asks_to_see_a_doctor_within_24_to_48_hours()
    {
        Watch(28, 5, age: 50).Reasons.Single().Text.ShouldEndWith("Because you are 50 or over, please see a doctor within 24–48 hours.");
    }

    [Fact]
    public void Without_entries_in_week_4_the_watch_asks_for_a_check_in_and_raises_nothing()
    {
        var result = Watch(25, pain: null, activity: null);

        result.Disposition.ShouldBe(None);
        result.Reasons.Single().RuleId.ShouldBe("watch.needs_entries");
        result.MeanPainLast7Days.ShouldBeNull();
        result.RecentActivity.ShouldBeNull();
    }

    [Fact]
    public void Pain_alone_is_enough_when_no_activity_score_is_recent()
    {
        Watch(25, pain: 5, activity: null).Reasons.Single().RuleId.ShouldBe("watch.not_improving");
        Watch(25, pain: 3, activity: null).Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_last_7_days_of_pain_and_the_last_14_days_of_activity_count()
    {
        var today = Start.AddDays(35);
        var input = new WatchInput(5, 4,
            [new(today.AddDays(-7), 0), new(today.AddDays(-6), 5), new(today, 5)],
            [new(today.AddDays(-14), 10), new(today.AddDays(-13), 4)],
            Start, today, 40);

        var result = ImprovementWatch.Judge(input);

        result.MeanPainLast7Days.ShouldBe(5);
        result.RecentActivity.ShouldBe(4);
        result.Disposition.ShouldBe(Routine);
    }

    [Fact]
    public void Entries_from_before_the_program_or_after_today_are_ignored()
    {
        var today = Start.AddDays(8);
        var input = new WatchInput(2, 4, [new(Start.AddDays(-1), 9), new(today.AddDays(1), 9), new(today, 2)], [], Start, today, 40);

        ImprovementWatch.Judge(input).MeanPainLast7Days.ShouldBe(2);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(6, 1, true)]
    [InlineData(7, 2, true)]
    [InlineData(21, 4, true)]
    [InlineData(41, 6, true)]
    [InlineData(42, 7, false)]
    [InlineData(-1, 0, false)]
    public void The_chart_gets_the_program_week_and_the_usual_six_week_window(int day, int week, bool inside)
    {
        var result = Watch(day, 5);

        result.ProgramWeek.ShouldBe(week);
        result.UsualWindow.ShouldBe(new UsualWindow(Start, Start.AddDays(41), inside, "Most improvement usually comes in the first 6 weeks."));
    }

    [Fact]
    public void Before_the_program_starts_nothing_is_raised()
    {
        Watch(-3, 10).Disposition.ShouldBe(None);
    }

    [Fact]
    public void Scores_outside_0_to_10_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Watch(10, 11));
        Should.Throw<ArgumentOutOfRangeException>(() => Watch(10, 5, baselinePain: -1));
        Should.Throw<ArgumentOutOfRangeException>(() => Watch(10, 5, activity: double.NaN));
    }

    [Fact]
    public void Every_rule_id_the_watch_returns_is_listed()
    {
        ImprovementWatch.RuleIds.ShouldBe(["watch.getting_worse", "watch.not_improving", "watch.needs_entries", "watch.usual_window"]);
    }
}
