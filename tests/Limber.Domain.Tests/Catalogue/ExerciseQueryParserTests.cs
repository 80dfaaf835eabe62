using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests.Catalogue;

public class ExerciseQueryParserTests
{
    private static (ExerciseQuery Query, IReadOnlyDictionary<string, string[]> Errors) Parse(params (string Key, string Value)[] pairs) =>
        ExerciseQueryParser.Parse(name => pairs.Where(p => p.Key == name).Select(p => p.Value).ToArray());

    [Fact]
    public void Repeated_and_comma_separated_values_both_work()
    {
        var (query, errors) = Parse(("bodyArea", "lowerBack,hipFront"), ("bodyArea", "glutes"));
        errors.ShouldBeEmpty();
        query.BodyAreas.ShouldBe([BodyArea.LowerBack, BodyArea.HipFront, BodyArea.Glutes]);
    }

    [Fact]
    public void Values_ignore_letter_case() =>
        Parse(("kind", "WARMUP")).Query.Kinds.ShouldBe([ExerciseKind.WarmUp]);

    [Fact]
    public void None_means_no_equipment()
    {
        var (query, errors) = Parse(("equipment", "none"));
        errors.ShouldBeEmpty();
        query.EquipmentAvailable.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public void Equipment_left_out_means_it_does_not_matter() =>
        Parse().Query.EquipmentAvailable.ShouldBeNull();

    [Theory]
    [InlineData("bodyArea", "knees")]
    [InlineData("kind", "yoga")]
    [InlineData("position", "upsideDown")]
    [InlineData("equipment", "sofa")]
    [InlineData("difficulty", "4")]
    [InlineData("maxMinutes", "0")]
    [InlineData("maxMinutes", "abc")]
    [InlineData("maxMinutes", "121")]
    [InlineData("page", "0")]
    [InlineData("page", "-1")]
    [InlineData("pageSize", "101")]
    [InlineData("pageSize", "1.5")]
    public void A_bad_value_is_reported_under_its_parameter(string parameter, string value)
    {
        var errors = Parse((parameter, value)).Errors;
        errors.Keys.ShouldBe([parameter]);
        errors[parameter].ShouldHaveSingleItem().ShouldContain(value);
    }

    [Fact]
    public void Overlong_text_is_refused() =>
        Parse(("q", new string('a', 101))).Errors.Keys.ShouldBe(["q"]);

    [Fact]
    public void A_number_given_twice_is_refused() =>
        Parse(("page", "1"), ("page", "2")).Errors["page"].ShouldHaveSingleItem().ShouldContain("only once");

    [Fact]
    public void A_huge_value_is_not_echoed_in_full()
    {
        var message = Parse(("kind", new string('x', 5000))).Errors["kind"].Single();
        message.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public void Defaults_are_page_one_of_twenty()
    {
        var query = Parse().Query;
        query.Page.ShouldBe(1);
        query.PageSize.ShouldBe(20);
    }
}
