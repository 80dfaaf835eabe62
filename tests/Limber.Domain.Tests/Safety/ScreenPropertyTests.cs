using CsCheck;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>
/// Properties over random complete screens (ages 16–110, any first-episode answer, any answers).
/// CsCheck shrinks a failure to a small example and prints its seed.
/// </summary>
public class ScreenPropertyTests
{
    private const int Iterations = 3_000;

    private static readonly int ItemCount = WarningSignScreen.Items.Count;

    private static readonly Gen<(int Age, bool FirstEpisode, Answer[] Answers)> AnyScreen =
        Gen.Select(Gen.Int[WarningSignScreen.MinimumAge, WarningSignScreen.MaximumAge], Gen.Bool, Gen.Enum<Answer>().Array[ItemCount]);

    private static readonly Gen<((int Age, bool FirstEpisode, Answer[] Answers) Screen, int Item)> AnyScreenAndItem =
        Gen.Select(AnyScreen, Gen.Int[0, ItemCount - 1]);

    private static ScreenResult Judge((int Age, bool FirstEpisode, Answer[] Answers) s) =>
        WarningSignScreen.Judge(Screens.CompleteInItemOrder(s.Age, s.FirstEpisode, s.Answers));

    private static (int, bool, Answer[]) With((int Age, bool FirstEpisode, Answer[] Answers) s, int item, Answer answer)
    {
        var answers = (Answer[])s.Answers.Clone();
        answers[item] = answer;
        return (s.Age, s.FirstEpisode, answers);
    }

    [Fact]
    public void Adding_a_yes_never_lowers_the_disposition()
    {
        AnyScreenAndItem.Sample(x =>
        {
            var before = Judge(x.Screen).Disposition;
            var after = Judge(With(x.Screen, x.Item, Answer.Yes)).Disposition;
            (after >= before).ShouldBeTrue($"{before} became {after}");
        }, iter: Iterations);
    }

    [Fact]
    public void Changing_a_no_to_unsure_never_lowers_the_disposition()
    {
        AnyScreenAndItem.Sample(x =>
        {
            var before = Judge(With(x.Screen, x.Item, Answer.No)).Disposition;
            var after = Judge(With(x.Screen, x.Item, Answer.Unsure)).Disposition;
            (after >= before).ShouldBeTrue($"{before} became {after}");
        }, iter: Iterations);
    }

    [Fact]
    public void A_first_episode_never_lowers_the_disposition()
    {
        AnyScreen.Sample(s =>
        {
            var first = Judge((s.Age, true, s.Answers)).Disposition;
            var notFirst = Judge((s.Age, false, s.Answers)).Disposition;
            (first >= notFirst).ShouldBeTrue($"{notFirst} became {first}");
        }, iter: Iterations);
    }

    [Fact]
    public void The_disposition_is_the_highest_of_the_reasons_or_none_without_reasons()
    {
        AnyScreen.Sample(s =>
        {
            var result = Judge(s);
            var expected = result.Reasons.Count == 0 ? Disposition.None : result.Reasons.Max(r => r.Disposition);
            result.Disposition.ShouldBe(expected);
        }, iter: Iterations);
    }

    [Fact]
    public void Unsure_is_exactly_one_level_below_yes_for_the_same_person()
    {
        AnyScreenAndItem.Sample(x =>
        {
            var id = Screens.Ids[x.Item];
            var yes = Judge(With(x.Screen, x.Item, Answer.Yes)).Reasons.Single(r => r.Id == id);
            var unsure = Judge(With(x.Screen, x.Item, Answer.Unsure)).Reasons.Single(r => r.Id == id);
            unsure.Disposition.ShouldBe(Screens.OneBelow(yes.Disposition));
            unsure.Answer.ShouldBe(Answer.Unsure);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_yes_and_unsure_answer_is_a_reason_and_no_answer_never_is()
    {
        AnyScreen.Sample(s =>
        {
            var result = Judge(s);
            var expected = Screens.Ids.Where((_, i) => s.Answers[i] != Answer.No);
            result.Reasons.Select(r => r.Id).Where(id => id != WarningSignScreen.AgeFirstEpisodeId).ShouldBe(expected, ignoreOrder: true);
            foreach (var reason in result.Reasons.Where(r => r.Id != WarningSignScreen.AgeFirstEpisodeId))
            {
                reason.Answer.ShouldBe(s.Answers[Screens.Ids.ToList().IndexOf(reason.Id)]);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Reasons_are_ordered_by_disposition_then_item_order()
    {
        var order = Screens.Ids.Append(WarningSignScreen.AgeFirstEpisodeId).ToList();
        AnyScreen.Sample(s =>
        {
            var reasons = Judge(s).Reasons;
            reasons.ShouldBe(reasons.OrderByDescending(r => r.Disposition).ThenBy(r => order.IndexOf(r.Id)));
        }, iter: Iterations);
    }

    [Fact]
    public void Incomplete_screens_are_rejected_and_never_judged()
    {
        var incomplete = Gen.Select(AnyScreen, Gen.Bool.Array[ItemCount].Where(removed => removed.Any(r => r)));
        incomplete.Sample(x =>
        {
            var (screen, removed) = x;
            var answers = Screens.Ids
                .Select((id, i) => (id, i))
                .Where(p => !removed[p.i])
                .ToDictionary(p => p.id, p => (string?)Screens.Word(screen.Answers[p.i]));

            var validation = WarningSignScreen.Validate(screen.Age, screen.FirstEpisode, answers);

            validation.Screen.ShouldBeNull();
            validation.IsValid.ShouldBeFalse();
            var error = validation.Errors.ShouldHaveSingleItem();
            error.Field.ShouldBe("answers");
            foreach (var id in Screens.Ids.Where((_, i) => removed[i]))
            {
                error.Message.ShouldContain(id);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Complete_screens_in_the_age_range_are_always_accepted_and_keep_every_answer()
    {
        AnyScreen.Sample(s =>
        {
            var words = Screens.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (string?)Screens.Word(s.Answers[p.i]));
            var screen = WarningSignScreen.Validate(s.Age, s.FirstEpisode, words).Screen.ShouldNotBeNull();
            Screens.Ids.Select(id => screen.Answers[id]).ShouldBe(s.Answers);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_result_carries_the_rules_version()
    {
        AnyScreen.Sample(s => Judge(s).RulesVersion.ShouldBe(WarningSignScreen.RulesVersion), iter: 200);
    }
}
