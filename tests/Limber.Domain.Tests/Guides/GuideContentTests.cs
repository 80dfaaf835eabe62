using System.Text.RegularExpressions;
using Limber.Domain.Guides;
using Limber.Domain.Illustration;

namespace Limber.Domain.Tests.Guides;

/// <summary>
/// The reviewed guides in content/guides load cleanly and say what safety.md section 8 and sections 1-2 say,
/// in Limber's words.
/// </summary>
public partial class GuideContentTests
{
    [GeneratedRegex(@"all[\s-]+clear|\btreat|\bcur(e|es|ed|ing)\b|\breliev|\brelief\b|\bdiagnos|clinically proven", RegexOptions.IgnoreCase)]
    private static partial Regex Avoided();

    private static Guide Get(string id) => RepositoryGuides.Get(id);

    private static string Text(Guide guide) => string.Join('\n', new[] { guide.Title, guide.Summary, guide.Markdown }
        .Concat(guide.Figures.SelectMany(f => new[] { f.Title, f.Description })));

    [Fact]
    public void Every_guide_in_the_repository_loads_without_problems() =>
        RepositoryGuides.Load().Problems.ShouldBeEmpty(string.Join(Environment.NewLine, RepositoryGuides.Load().Problems));

    [Fact]
    public void Every_guide_the_code_links_to_is_in_the_content_and_there_are_no_others()
    {
        RepositoryGuides.Library.All.Select(g => g.Id).ShouldBe(GuideIds.All, ignoreOrder: true);
    }

    [Fact]
    public void Every_guide_cites_sources_and_is_short()
    {
        foreach (var guide in RepositoryGuides.Library.All)
        {
            guide.Sources.ShouldNotBeEmpty(guide.Id);
            guide.Markdown.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeLessThanOrEqualTo(900, guide.Id);
        }
    }

    [Fact]
    public void No_guide_uses_words_Limber_avoids()
    {
        foreach (var guide in RepositoryGuides.Library.All)
        {
            Avoided().Matches(Text(guide)).Select(m => m.Value).ShouldBeEmpty(guide.Id);
        }
    }

    [Fact]
    public void Rendered_guides_hold_no_raw_HTML_and_links_out_carry_noopener()
    {
        foreach (var guide in RepositoryGuides.Library.All)
        {
            guide.Html.ShouldNotContain("<script", Case.Insensitive);
            guide.Html.ShouldNotContain("<img", Case.Insensitive);
            foreach (Match link in Regex.Matches(guide.Html, "<a href=\"(?<url>[^\"]*)\"(?<rest>[^>]*)>"))
            {
                var url = link.Groups["url"].Value;
                (url.StartsWith('/') || url.StartsWith("https://", StringComparison.Ordinal)).ShouldBeTrue($"{guide.Id}: {url}");
                if (url.StartsWith("https://", StringComparison.Ordinal))
                {
                    link.Groups["rest"].Value.ShouldContain("noopener", customMessage: $"{guide.Id}: {url}");
                }
            }
        }
    }

    [Fact]
    public void Heat_or_ice_follows_safety_section_8_and_has_the_ice_timer()
    {
        var guide = Get(GuideIds.HeatOrIce);
        guide.Helpers.ShouldBe([GuideHelper.IceTimer]);
        guide.Sources.Select(s => s.Id).ShouldContain("french-2006");
        var text = guide.Markdown;
        text.ShouldContain("Wrap it");
        text.ShouldContain("About 15 minutes at a time, a few times a day");
        text.ShouldContain("Warm, never hot");
        text.ShouldContain("Not on skin that feels numb");
        text.ShouldContain("Never while you sleep");
        text.ShouldContain("Not on an area that is swollen, red or inflamed");
        text.ShouldContain("little research on cold");
    }

    [Fact]
    public void Sleeping_positions_are_comfort_tips_drawn_with_the_figure_model()
    {
        var guide = Get(GuideIds.SleepingPositions);
        guide.Markdown.ShouldContain("very little research");
        guide.Markdown.ShouldContain("comfort tips");
        guide.Figures.Count.ShouldBe(2);

        var back = guide.Figures[0].Script;
        back.View.ShouldBe(FigureView.Side);
        back.Keyframes.ShouldHaveSingleItem().Pose.Trunk.ShouldBe(-90, "lying on the back");
        back.Props.ShouldContain(new Prop(PropKind.Pillow, BodyPoint.WorkingKnee));

        var side = guide.Figures[1].Script;
        side.View.ShouldBe(FigureView.Front, "a side-lying body is drawn seen from the front, as the side-lying exercises are");
        side.Keyframes.ShouldHaveSingleItem().Pose.Trunk.ShouldBe(-90);
        side.Props.ShouldContain(new Prop(PropKind.Pillow, BodyPoint.WorkingKnee));
        guide.Figures[1].Description.ShouldContain("cannot show them bent", customMessage: "the drawing says what it cannot show");
    }

    [Fact]
    public void Every_guide_figure_rests_on_the_floor()
    {
        foreach (var figure in RepositoryGuides.Library.All.SelectMany(g => g.Figures))
        {
            var layout = FigureLayout.Build(figure.Script, [], perSide: false);
            layout.Frames.ShouldHaveSingleItem().Body.Bottom.ShouldBe(0, 0.001, figure.Title);
        }
    }

    [Fact]
    public void Magnesium_is_food_and_supplements_only_after_asking_a_doctor()
    {
        var guide = Get(GuideIds.MagnesiumRichFoods);
        guide.Summary.ShouldContain("only after asking your doctor");
        guide.Markdown.ShouldContain("only after asking your doctor");
        guide.Markdown.ShouldContain("not as a way to change how your back feels");
    }

    [Fact]
    public void Everyday_movement_says_exercise_helps_modestly_and_stretching_alone_is_not_enough()
    {
        var guide = Get(GuideIds.EverydayMovement);
        guide.Markdown.ShouldContain("modestly");
        guide.Markdown.ShouldContain("15 points less pain on a 0 to 100 scale");
        guide.Markdown.ShouldContain("stretching on its own did no better");
        guide.Sources.Select(s => s.Id).ShouldBe(["foster-2018", "nice-ng59", "hayden-2021", "owen-2020", "acsm-2011"]);
    }

    [Fact]
    public void When_to_see_a_doctor_has_the_three_levels_and_points_to_the_warning_sign_check()
    {
        var text = Get(GuideIds.WhenToSeeADoctor).Markdown;
        var emergency = text.IndexOf("## Call your emergency number", StringComparison.Ordinal);
        var urgent = text.IndexOf("## See a doctor within 24 to 48 hours", StringComparison.Ordinal);
        var routine = text.IndexOf("## Book an appointment with a doctor or physiotherapist", StringComparison.Ordinal);
        emergency.ShouldBeGreaterThan(0);
        urgent.ShouldBeGreaterThan(emergency);
        routine.ShouldBeGreaterThan(urgent);
        text.ShouldContain("](/screen)");
        text.ShouldContain("never rules anything out");
    }

    // safety.md section 2: each item, in its plain words, at the level its "yes" gives.
    [Theory]
    [InlineData("emergency", "around your genitals, bottom, back passage or inner thighs")]
    [InlineData("emergency", "trouble starting to pee")]
    [InlineData("emergency", "loss of bowel control")]
    [InlineData("emergency", "in both legs")]
    [InlineData("emergency", "change in sexual function")]
    [InlineData("emergency", "Leg weakness that is getting worse")]
    [InlineData("emergency", "serious accident")]
    [InlineData("emergency", "Chest pain")]
    [InlineData("emergency", "fever with feeling very unwell")]
    [InlineData("emergency", "together with a high temperature")]
    [InlineData("emergency", "Severe pain in your upper belly")]
    [InlineData("urgent", "A high temperature, chills or night sweats")]
    [InlineData("urgent", "ever had cancer")]
    [InlineData("urgent", "lost weight without trying")]
    [InlineData("urgent", "worse at night or wakes you")]
    [InlineData("urgent", "between your shoulder blades")]
    [InlineData("urgent", "A lump or swelling on your back")]
    [InlineData("urgent", "steroid tablets for 3 months or more")]
    [InlineData("urgent", "A weakened immune system")]
    [InlineData("urgent", "Burning when you pee")]
    [InlineData("urgent", "with feeling or being sick")]
    [InlineData("urgent", "cough, sneeze or strain")]
    [InlineData("urgent", "you are 50 or over")]
    [InlineData("routine", "below the knee in one leg")]
    [InlineData("routine", "not better after 4 to 6 weeks of regular exercise, or you are worse after 2 weeks")]
    [InlineData("routine", "first ever back pain and you are 50 or over, or under 20")]
    [InlineData("routine", "began before you were 45")]
    [InlineData("routine", "you are worried or not coping")]
    public void When_to_see_a_doctor_lists_each_warning_sign_at_its_level(string level, string words)
    {
        var text = Get(GuideIds.WhenToSeeADoctor).Markdown;
        var sections = text.Split("\n## ");
        var section = sections.Single(s => s.StartsWith(level switch
        {
            "emergency" => "Call your emergency number",
            "urgent" => "See a doctor within 24 to 48 hours",
            _ => "Book an appointment",
        }, StringComparison.Ordinal));
        section.ShouldContain(words);
    }
}
