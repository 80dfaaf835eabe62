using Limber.Domain.Safety;
using static Limber.Domain.Safety.Disposition;

namespace Limber.Domain.Tests.Safety;

/// <summary>
/// Every item and every rule of safety.md sections 1 and 2, table by table. The expected values are copied
/// from safety.md, not from the code. Unless a row says otherwise the person is 35 (so no age rule applies),
/// it is not their first back pain, and every other answer is no.
/// </summary>
public class WarningSignScreenTests
{
    private const int Adult = 35;

    /// <summary>safety.md section 2: id, what yes gives, what unsure gives (one level below).</summary>
    public static TheoryData<string, Disposition, Disposition> Items => new()
    {
        { "saddle_numbness", Emergency, Urgent },
        { "bladder_change", Emergency, Urgent },
        { "bowel_change", Emergency, Urgent },
        { "both_legs", Emergency, Urgent },
        { "sexual_change", Emergency, Urgent },
        { "worsening_weakness", Emergency, Urgent },
        { "major_trauma", Emergency, Urgent },
        { "chest_or_tearing_pain", Emergency, Urgent },
        { "fever_very_unwell", Emergency, Urgent },
        { "fever_chills", Urgent, Routine },
        { "cancer_history", Urgent, Routine },
        { "weight_loss", Urgent, Routine },
        { "constant_night_pain", Urgent, Routine },
        { "upper_back_pain", Urgent, Routine },
        { "lump_or_shape_change", Urgent, Routine },
        { "fracture_risk", Urgent, Routine },
        { "infection_risk", Urgent, Routine },
        { "urinary_symptoms", Urgent, Routine },
        { "upper_belly_pain", Urgent, Routine },
        // Counts only together with upper_belly_pain (see the conditional table below).
        { "upper_belly_pain_severe", None, None },
        { "cough_sneeze_pain", Urgent, Routine },
        { "pain_below_knee", Routine, None },
        { "not_improving", Routine, None },
        { "inflammatory_pattern", Routine, None },
        { "severe_or_not_coping", Routine, None },
    };

    [Fact]
    public void The_items_are_exactly_the_ids_of_safety_md_section_2_with_their_base_dispositions()
    {
        var expected = Items.Select(row => ((string)row[0], (Disposition)row[1])).OrderBy(x => x.Item1, StringComparer.Ordinal);
        WarningSignScreen.Items.Select(i => (i.Id, i.YesGives)).OrderBy(x => x.Id, StringComparer.Ordinal).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Yes_to_an_item_gives_its_disposition_and_one_reason(string id, Disposition yes, Disposition unsure)
    {
        _ = unsure;
        var result = Screens.Judge(Adult, false, (id, Answer.Yes));

        result.Disposition.ShouldBe(yes);
        var reason = result.Reasons.ShouldHaveSingleItem();
        reason.ShouldBe(reason with { Id = id, Answer = Answer.Yes, Disposition = yes });
        reason.Text.ShouldStartWith("You said ");
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Unsure_on_an_item_gives_one_level_below_yes_and_is_still_listed(string id, Disposition yes, Disposition unsure)
    {
        unsure.ShouldBe(Screens.OneBelow(yes), "the table itself follows the unsure rule");
        var result = Screens.Judge(Adult, false, (id, Answer.Unsure));

        result.Disposition.ShouldBe(unsure);
        var reason = result.Reasons.ShouldHaveSingleItem();
        reason.ShouldBe(reason with { Id = id, Answer = Answer.Unsure, Disposition = unsure });
        reason.Text.ShouldStartWith("You weren't sure whether ");
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void No_to_an_item_gives_nothing(string id, Disposition yes, Disposition unsure)
    {
        _ = (yes, unsure);
        var result = Screens.Judge(Adult, false, (id, Answer.No));

        result.Disposition.ShouldBe(None);
        result.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Urgent_when_cancer_history_is_yes()
    {
        Screens.Judge(Adult, false, ("cancer_history", Answer.Yes)).Disposition.ShouldBe(Urgent);
    }

    [Fact]
    public void Emergency_when_saddle_numbness_is_yes_with_a_reason_in_plain_words()
    {
        var result = Screens.Judge(Adult, false, ("saddle_numbness", Answer.Yes));

        result.Disposition.ShouldBe(Emergency);
        result.Reasons.Single().Text.ShouldBe(
            "You said you have new numbness, tingling or an odd feeling around your genitals, bottom or inner thighs.");
    }

    [Fact]
    public void All_no_gives_none_with_no_reasons_and_the_rules_version()
    {
        var result = WarningSignScreen.Judge(Screens.Complete(Adult, false, []));

        result.ShouldBe(result with { Disposition = None, RulesVersion = WarningSignScreen.RulesVersion });
        result.Reasons.ShouldBeEmpty();
    }

    /// <summary>
    /// The conditional items, and how unsure combines with them. Columns: age, first episode, answers,
    /// overall disposition, each reason as id:disposition in the order shown.
    /// </summary>
    [Theory]
    // urinary_symptoms: urgent; emergency when fever_chills is also yes.
    [InlineData(35, false, "urinary_symptoms=yes", Urgent, "urinary_symptoms:Urgent")]
    [InlineData(35, false, "urinary_symptoms=yes fever_chills=yes", Emergency, "urinary_symptoms:Emergency fever_chills:Urgent")]
    [InlineData(35, false, "urinary_symptoms=unsure fever_chills=yes", Urgent, "urinary_symptoms:Urgent fever_chills:Urgent")]
    [InlineData(35, false, "urinary_symptoms=yes fever_chills=unsure", Urgent, "urinary_symptoms:Urgent fever_chills:Routine")]
    [InlineData(35, false, "urinary_symptoms=unsure fever_chills=unsure", Routine, "urinary_symptoms:Routine fever_chills:Routine")]
    [InlineData(35, false, "urinary_symptoms=no fever_chills=yes", Urgent, "fever_chills:Urgent")]
    // upper_belly_pain: urgent; emergency when also severe. The severe item counts only with it.
    [InlineData(35, false, "upper_belly_pain=yes", Urgent, "upper_belly_pain:Urgent")]
    [InlineData(35, false, "upper_belly_pain=yes upper_belly_pain_severe=yes", Emergency, "upper_belly_pain:Emergency upper_belly_pain_severe:Emergency")]
    [InlineData(35, false, "upper_belly_pain=yes upper_belly_pain_severe=unsure", Urgent, "upper_belly_pain:Urgent upper_belly_pain_severe:Urgent")]
    [InlineData(35, false, "upper_belly_pain=unsure upper_belly_pain_severe=yes", Urgent, "upper_belly_pain:Urgent upper_belly_pain_severe:Urgent")]
    [InlineData(35, false, "upper_belly_pain=unsure upper_belly_pain_severe=unsure", Routine, "upper_belly_pain:Routine upper_belly_pain_severe:Routine")]
    [InlineData(35, false, "upper_belly_pain=unsure", Routine, "upper_belly_pain:Routine")]
    [InlineData(35, false, "upper_belly_pain_severe=yes", None, "upper_belly_pain_severe:None")]
    [InlineData(35, false, "upper_belly_pain_severe=unsure", None, "upper_belly_pain_severe:None")]
    // not_improving: routine; urgent at 50 or over.
    [InlineData(49, false, "not_improving=yes", Routine, "not_improving:Routine")]
    [InlineData(50, false, "not_improving=yes", Urgent, "not_improving:Urgent")]
    [InlineData(110, false, "not_improving=yes", Urgent, "not_improving:Urgent")]
    [InlineData(49, false, "not_improving=unsure", None, "not_improving:None")]
    [InlineData(50, false, "not_improving=unsure", Routine, "not_improving:Routine")]
    public void Conditional_items_follow_safety_md(int age, bool firstEpisode, string answers, Disposition expected, string reasons)
    {
        var result = Screens.Judge(age, firstEpisode, Screens.Parse(answers));

        result.Disposition.ShouldBe(expected);
        string.Join(" ", result.Reasons.Select(r => $"{r.Id}:{r.Disposition}")).ShouldBe(reasons);
    }

    /// <summary>Derived rule: (age ≥ 50 or under 20) and first episode → routine; urgent when not_improving is also yes.</summary>
    [Theory]
    [InlineData(16, true, "", Routine, "age_first_episode:Routine")]
    [InlineData(19, true, "", Routine, "age_first_episode:Routine")]
    [InlineData(20, true, "", None, "")]
    [InlineData(49, true, "", None, "")]
    [InlineData(50, true, "", Routine, "age_first_episode:Routine")]
    [InlineData(110, true, "", Routine, "age_first_episode:Routine")]
    [InlineData(16, false, "", None, "")]
    [InlineData(54, false, "", None, "")]
    [InlineData(54, true, "not_improving=yes", Urgent, "not_improving:Urgent age_first_episode:Urgent")]
    [InlineData(18, true, "not_improving=yes", Urgent, "age_first_episode:Urgent not_improving:Routine")]
    [InlineData(18, true, "not_improving=unsure", Routine, "age_first_episode:Routine not_improving:None")]
    [InlineData(54, true, "not_improving=unsure", Routine, "not_improving:Routine age_first_episode:Routine")]
    [InlineData(35, true, "not_improving=yes", Routine, "not_improving:Routine")]
    public void Age_and_first_episode_give_the_derived_rule(int age, bool firstEpisode, string answers, Disposition expected, string reasons)
    {
        var result = Screens.Judge(age, firstEpisode, Screens.Parse(answers));

        result.Disposition.ShouldBe(expected);
        string.Join(" ", result.Reasons.Select(r => $"{r.Id}:{r.Disposition}")).ShouldBe(reasons);
        result.Reasons.Where(r => r.Id == WarningSignScreen.AgeFirstEpisodeId).ShouldAllBe(r => r.Answer == Answer.Yes);
    }

    [Fact]
    public void The_derived_rule_says_the_age_in_plain_words()
    {
        var reason = Screens.Judge(54, true).Reasons.Single();

        reason.Text.ShouldBe("You are 54 and this is the first back pain you have ever had. "
            + "A first back pain at 50 or over, or under 20, is worth checking with a doctor.");
    }

    [Fact]
    public void Highest_wins_and_every_reason_is_shown_most_serious_first_then_in_item_order()
    {
        var result = Screens.Judge(60, true, Screens.Parse(
            "severe_or_not_coping=yes weight_loss=yes pain_below_knee=unsure cancer_history=yes saddle_numbness=yes bladder_change=unsure"));

        result.Disposition.ShouldBe(Emergency);
        result.Reasons.Select(r => $"{r.Id}:{r.Disposition}").ShouldBe(
        [
            "saddle_numbness:Emergency",
            "bladder_change:Urgent",
            "cancer_history:Urgent",
            "weight_loss:Urgent",
            "severe_or_not_coping:Routine",
            "age_first_episode:Routine",
            "pain_below_knee:None",
        ]);
    }

    [Fact]
    public void Reasons_for_conditions_say_what_raised_them()
    {
        Screens.Judge(Adult, false, Screens.Parse("urinary_symptoms=yes fever_chills=yes")).Reasons[0].Text
            .ShouldBe("You said you have burning when you pee, blood in your pee, or cramping pain from your side to your groin, "
                + "together with a high temperature, chills or night sweats.");
        Screens.Judge(50, false, Screens.Parse("not_improving=unsure")).Reasons[0].Text
            .ShouldBe("You weren't sure whether your back is no better after 4 to 6 weeks of regular exercise, or worse after 2 weeks, "
                + "and you are 50 or over.");
        Screens.Judge(Adult, false, Screens.Parse("upper_belly_pain_severe=yes")).Reasons[0].Text
            .ShouldBe("You said your upper-belly pain is severe. On its own this adds nothing, "
                + "because you said you don't have upper-belly pain going through to your back.");
    }

    [Fact]
    public void Every_item_has_a_question_a_group_an_explanation_and_a_source_in_display_order()
    {
        foreach (var item in WarningSignScreen.Items)
        {
            item.Question.ShouldEndWith("?", customMessage: item.Id);
            item.Group.ShouldNotBeNullOrWhiteSpace(item.Id);
            item.Explanation.ShouldEndWith(".", customMessage: item.Id);
            item.Explanation.Length.ShouldBeLessThan(160, item.Id);
            item.Source.ShouldNotBeNullOrWhiteSpace(item.Id);
        }
        // Groups are contiguous, so a page can show each heading once.
        var groups = WarningSignScreen.Items.Select(i => i.Group).ToList();
        var headings = groups.Where((g, i) => i == 0 || groups[i - 1] != g).ToList();
        headings.ShouldBeUnique();
        WarningSignScreen.Items.Select(i => i.Id).ShouldBeUnique();
    }

    [Fact]
    public void The_emergency_items_are_those_whose_yes_gives_an_emergency()
    {
        WarningSignScreen.EmergencyItems.Select(i => i.Id).ShouldBe(
        [
            "saddle_numbness", "bladder_change", "bowel_change", "sexual_change", "both_legs", "worsening_weakness",
            "chest_or_tearing_pain", "major_trauma", "fever_very_unwell",
        ]);
    }

    [Fact]
    public void Judge_refuses_null_rather_than_judging_nothing()
    {
        Should.Throw<ArgumentNullException>(() => WarningSignScreen.Judge(null!));
    }

    [Theory]
    [InlineData(new[] { Answer.No, Answer.No }, None)]
    [InlineData(new[] { Answer.No, Answer.Unsure }, Urgent)]
    [InlineData(new[] { Answer.Unsure, Answer.Yes, Answer.No }, Emergency)]
    [InlineData(new Answer[0], None)]
    public void A_recheck_gates_on_its_fresh_emergency_answers_alone(Answer[] answers, Disposition expected)
    {
        WarningSignScreen.EmergencyRecheckDisposition(answers).ShouldBe(expected);
    }
}
