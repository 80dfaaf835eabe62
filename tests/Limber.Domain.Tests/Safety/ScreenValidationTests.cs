using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>An incomplete or wrong screen is rejected with plain messages that name the field; it is never judged.</summary>
public class ScreenValidationTests
{
    private static ScreenValidation Validate(int? age = 35, bool? firstEpisode = false, Dictionary<string, string?>? answers = null) =>
        WarningSignScreen.Validate(age, firstEpisode, answers ?? Screens.AllNo());

    [Fact]
    public void A_complete_screen_is_valid()
    {
        var validation = Validate();

        validation.IsValid.ShouldBeTrue();
        validation.Errors.ShouldBeEmpty();
        validation.Screen!.Answers.Count.ShouldBe(WarningSignScreen.Items.Count);
        validation.Screen.Age.ShouldBe(35);
        validation.Screen.FirstEpisode.ShouldBeFalse();
    }

    [Fact]
    public void Missing_ids_are_rejected_and_listed()
    {
        var answers = Screens.AllNo();
        answers.Remove("saddle_numbness");
        answers.Remove("not_improving");

        var validation = Validate(answers: answers);

        validation.IsValid.ShouldBeFalse();
        validation.Screen.ShouldBeNull();
        var error = validation.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("answers");
        error.Message.ShouldBe("These 2 questions have no answer yet: saddle_numbness, not_improving. Every question needs yes, no or unsure.");
    }

    [Fact]
    public void An_empty_or_blank_answer_counts_as_missing_not_as_no()
    {
        var answers = Screens.AllNo();
        answers["bladder_change"] = null;
        answers["bowel_change"] = " ";

        var error = Validate(answers: answers).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("answers");
        error.Message.ShouldContain("bladder_change, bowel_change");
    }

    [Fact]
    public void An_unknown_id_is_rejected_and_named()
    {
        var answers = Screens.AllNo();
        answers["back_ache"] = "no";

        var error = Validate(answers: answers).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("answers.back_ache");
        error.Message.ShouldContain("\"back_ache\" is not a question");
    }

    [Fact]
    public void Ids_are_matched_exactly_so_a_different_case_is_unknown_and_the_real_id_missing()
    {
        var answers = Screens.AllNo();
        answers.Remove("weight_loss");
        answers["Weight_Loss"] = "no";

        Validate(answers: answers).Errors.Select(e => e.Field).ShouldBe(["answers.Weight_Loss", "answers"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("not sure")]
    [InlineData("1")]
    [InlineData("true")]
    public void A_bad_value_is_rejected_and_named(string value)
    {
        var answers = Screens.AllNo();
        answers["cancer_history"] = value;

        var error = Validate(answers: answers).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("answers.cancer_history");
        error.Message.ShouldBe($"The answer to cancer_history must be yes, no or unsure, not \"{value}\".");
    }

    [Theory]
    [InlineData("YES", Answer.Yes)]
    [InlineData(" no ", Answer.No)]
    [InlineData("Unsure", Answer.Unsure)]
    public void Answers_are_read_without_regard_to_case_or_surrounding_spaces(string value, Answer expected)
    {
        var answers = Screens.AllNo();
        answers["weight_loss"] = value;

        Validate(answers: answers).Screen!.Answers["weight_loss"].ShouldBe(expected);
    }

    [Fact]
    public void Missing_age_is_rejected()
    {
        var error = Validate(age: null).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("age");
        error.Message.ShouldBe("Age is missing: please enter your age in years (16 to 110).");
    }

    [Fact]
    public void Age_15_is_told_that_Limber_is_for_adults_and_pointed_to_a_doctor()
    {
        var validation = Validate(age: 15);

        validation.IsValid.ShouldBeFalse();
        var error = validation.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("age");
        error.Message.ShouldStartWith("Limber is for adults aged 16 and over");
        error.Message.ShouldContain("doctor");
        error.Message.ShouldContain("emergency number");
    }

    [Theory]
    [InlineData(111)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    public void Ages_outside_16_to_110_are_rejected(int age)
    {
        var error = Validate(age: age).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("age");
    }

    [Fact]
    public void Age_111_is_out_of_range()
    {
        Validate(age: 111).Errors.Single().Message.ShouldBe("Age must be between 16 and 110 years; 111 is out of range. Please check the number.");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(110)]
    public void Ages_16_and_110_are_accepted(int age)
    {
        Validate(age: age).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Missing_first_episode_is_rejected()
    {
        var error = Validate(firstEpisode: null).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("firstEpisode");
        error.Message.ShouldContain("first back pain you have ever had");
    }

    [Fact]
    public void Missing_answers_are_rejected()
    {
        var error = WarningSignScreen.Validate(35, false, null).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("answers");
        error.Message.ShouldContain("every question needs an answer");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var answers = new Dictionary<string, string?> { ["saddle_numbness"] = "perhaps", ["elbow"] = "no" };

        var validation = WarningSignScreen.Validate(null, null, answers);

        validation.Errors.Select(e => e.Field).ShouldBe(["age", "firstEpisode", "answers.saddle_numbness", "answers.elbow", "answers"]);
    }

    [Fact]
    public void A_complete_screen_cannot_be_built_except_by_validation()
    {
        typeof(CompleteScreen).GetConstructors().ShouldBeEmpty();
        typeof(CompleteScreen).IsSealed.ShouldBeTrue();
    }

    [Fact]
    public void A_validated_screen_does_not_change_when_the_submitted_answers_do()
    {
        var answers = Screens.AllNo();
        var screen = Validate(answers: answers).Screen!;

        answers["saddle_numbness"] = "yes";

        screen.Answers["saddle_numbness"].ShouldBe(Answer.No);
    }

    [Fact]
    public void A_recheck_asks_every_emergency_item_and_keeps_the_other_answers()
    {
        var previous = Screens.Complete(40, false, [("cancer_history", Answer.Yes)]);
        var emergency = WarningSignScreen.EmergencyItems.ToDictionary(i => i.Id, _ => (string?)"no");
        emergency["both_legs"] = "yes";

        var recheck = WarningSignScreen.Recheck(previous, emergency);

        recheck.Errors.ShouldBeEmpty();
        var result = WarningSignScreen.Judge(recheck.Screen!);
        result.Disposition.ShouldBe(Disposition.Emergency);
        result.Reasons.Select(r => r.Id).ShouldBe(["both_legs", "cancer_history"]);
        recheck.Screen!.Age.ShouldBe(40);
    }

    [Fact]
    public void A_recheck_missing_an_emergency_item_is_rejected()
    {
        var previous = Screens.Complete(40, false, []);
        var emergency = WarningSignScreen.EmergencyItems.ToDictionary(i => i.Id, _ => (string?)"no");
        emergency.Remove("saddle_numbness");

        var recheck = WarningSignScreen.Recheck(previous, emergency);

        recheck.IsValid.ShouldBeFalse();
        recheck.Errors.Single().Message.ShouldContain("saddle_numbness");
    }

    [Fact]
    public void A_recheck_accepts_only_the_emergency_items()
    {
        var previous = Screens.Complete(40, false, []);
        var emergency = WarningSignScreen.EmergencyItems.ToDictionary(i => i.Id, _ => (string?)"no");
        emergency["cancer_history"] = "no";

        var error = WarningSignScreen.Recheck(previous, emergency).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("answers.cancer_history");
    }
}
