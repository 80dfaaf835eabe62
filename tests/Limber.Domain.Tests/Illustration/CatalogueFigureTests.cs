using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;

namespace Limber.Domain.Tests.Illustration;

/// <summary>Properties of every figure in the real catalogue.</summary>
public class CatalogueFigureTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var e in RepositoryFiles.Catalogue.All)
        {
            data.Add(e.Id);
        }
        return data;
    }

    private static Exercise Get(string id) => RepositoryFiles.Catalogue.Find(id)!;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_exercise_has_a_figure(string id) => Get(id).Figure.ShouldNotBeNull($"{id} has no figure yet");

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_figure_uses_angles_within_human_ranges(string id)
    {
        var figure = Get(id).Figure!;
        foreach (var keyframe in figure.Keyframes)
        {
            foreach (var joint in Enum.GetValues<Joint>())
            {
                foreach (var side in Enum.GetValues<BodySide>())
                {
                    JointLimits.Allows(joint, figure.View, keyframe.Pose.Angle(joint, side))
                        .ShouldBeTrue($"{id} {keyframe.Name}: {joint} {side}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_figure_rests_on_the_floor_and_stays_inside_its_bounds(string id)
    {
        var e = Get(id);
        var layout = FigureLayout.Build(e.Figure!, e.Muscles, e.Dose.PerSide);
        layout.Frames[0].Body.Bottom.ShouldBe(0, 0.001, "the first pose rests on the floor");
        layout.Bounds.Width.ShouldBeInRange(20, 260);
        layout.Bounds.Height.ShouldBeInRange(20, 200);
        for (var i = 0; i < layout.Frames.Count; i++)
        {
            var shapes = Bounds.Of(layout.Frame(i));
            shapes.MinX.ShouldBeGreaterThanOrEqualTo(layout.Bounds.MinX - 0.001);
            shapes.MaxX.ShouldBeLessThanOrEqualTo(layout.Bounds.MaxX + 0.001);
            shapes.MinY.ShouldBeGreaterThanOrEqualTo(layout.Bounds.MinY - 0.001);
            shapes.MaxY.ShouldBeLessThanOrEqualTo(layout.Bounds.MaxY + 0.001);
            if (layout.HasFloor)
            {
                layout.Frames[i].Body.Bottom.ShouldBeGreaterThanOrEqualTo(-FigureLayout.FloorTolerance, $"pose {i + 1} goes through the floor");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_figure_draws_the_props_its_equipment_needs(string id)
    {
        var e = Get(id);
        foreach (var item in e.Equipment)
        {
            e.Figure!.Props.Select(p => p.Kind).ShouldContain(FigureScript.PropFor(item)!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_same_figure_always_lays_out_the_same(string id)
    {
        var e = Get(id);
        var a = FigureLayout.Build(e.Figure!, e.Muscles, e.Dose.PerSide);
        var b = FigureLayout.Build(e.Figure!, e.Muscles, e.Dose.PerSide);
        a.Bounds.ShouldBe(b.Bounds);
        Enumerable.Range(0, a.Frames.Count).ShouldAllBe(i => a.Frame(i).SequenceEqual(b.Frame(i)));
        FigureAnimation.Build(a).Shifts.ShouldBe(FigureAnimation.Build(b).Shifts);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_animation_turns_each_segment_back_to_the_first_pose(string id)
    {
        var e = Get(id);
        var animation = FigureAnimation.Build(FigureLayout.Build(e.Figure!, e.Muscles, e.Dose.PerSide));
        animation.Segments.ShouldAllBe(s => s.Turns[0] == 0 && s.Turns.All(t => t > -180.0001 && t <= 180.0001));
        animation.Times.Zip(animation.Times.Skip(1)).ShouldAllBe(p => p.First.Leave <= p.Second.Reach);
        animation.CycleSeconds.ShouldBeGreaterThan(animation.Times[^1].Leave - 0.0001);
    }
}
