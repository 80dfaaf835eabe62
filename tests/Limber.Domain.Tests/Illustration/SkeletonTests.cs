using CsCheck;
using Limber.Domain.Illustration;

namespace Limber.Domain.Tests.Illustration;

public class SkeletonTests
{
    private static readonly Pose Standing = new();

    [Fact]
    public void Standing_straight_is_about_97_units_tall_with_the_feet_under_the_pelvis()
    {
        var body = BodyPosition.Solve(Standing, FigureView.Side);
        var top = body[BodyPoint.Head].Y + BodyModel.HeadRadius;
        (top - body.Bottom).ShouldBeInRange(95, 100);
        body[BodyPoint.WorkingAnkle].X.ShouldBe(0, 0.001);
        body[BodyPoint.WorkingToe].X.ShouldBeGreaterThan(0, "toes point the way the person faces");
    }

    [Fact]
    public void Sitting_puts_the_thigh_forward_and_the_shin_down()
    {
        var body = BodyPosition.Solve(new Pose { Hip = SidePair.Both(90), Knee = SidePair.Both(90) }, FigureView.Side);
        var knee = body[BodyPoint.WorkingKnee];
        knee.X.ShouldBe(BodyModel.ThighLength, 0.001);
        knee.Y.ShouldBe(0, 0.001);
        body[BodyPoint.WorkingAnkle].ShouldSatisfyAllConditions(
            a => a.X.ShouldBe(BodyModel.ThighLength, 0.001),
            a => a.Y.ShouldBe(-BodyModel.ShinLength, 0.001));
    }

    [Fact]
    public void Lying_on_the_back_puts_the_head_to_the_left_and_the_legs_to_the_right()
    {
        var body = BodyPosition.Solve(new Pose { Trunk = -90 }, FigureView.Side);
        body[BodyPoint.Head].X.ShouldBeLessThan(-30);
        body[BodyPoint.WorkingAnkle].X.ShouldBeGreaterThan(40);
        body[BodyPoint.Head].Y.ShouldBe(0, 0.001);
    }

    [Fact]
    public void In_front_view_the_two_legs_lift_out_to_opposite_sides()
    {
        var body = BodyPosition.Solve(new Pose { Hip = SidePair.Both(30) }, FigureView.Front);
        body[BodyPoint.WorkingAnkle].X.ShouldBeGreaterThan(10);
        body[BodyPoint.OtherAnkle].X.ShouldBeLessThan(-10);
        body[BodyPoint.WorkingAnkle].X.ShouldBe(-body[BodyPoint.OtherAnkle].X, 0.001);
    }

    [Fact]
    public void Seen_from_above_the_body_uses_front_view_angles_and_no_floor_line()
    {
        JointLimits.For(Joint.Knee, FigureView.Top).ShouldBe(JointLimits.For(Joint.Knee, FigureView.Front));
        var script = new FigureScript(FigureView.Top, [],
            [new Keyframe("legs long", new Pose(), 3, 1), new Keyframe("knees open", new Pose { Hip = SidePair.Both(50), Knee = SidePair.Both(110) }, 3, 30)],
            Anchor: BodyPoint.Pelvis, ReturnSeconds: 3);
        var layout = FigureLayout.Build(script, [Limber.Domain.Catalogue.Muscle.Adductors], perSide: false);
        layout.HasFloor.ShouldBeFalse();
        layout.Frame(1).ShouldAllBe(shape => shape.Ink != Ink.Floor);
        // Knees out, feet back towards the middle: the butterfly's diamond.
        var open = layout.Frames[1].Body;
        Math.Abs(open[BodyPoint.WorkingKnee].X - open.Pelvis.X).ShouldBeGreaterThan(Math.Abs(open[BodyPoint.WorkingAnkle].X - open.Pelvis.X));
    }

    [Theory]
    [InlineData(Joint.Knee, FigureView.Side, -5, false)]
    [InlineData(Joint.Knee, FigureView.Side, 150, true)]
    [InlineData(Joint.Hip, FigureView.Side, 170, false)]
    [InlineData(Joint.Elbow, FigureView.Side, 175, false)]
    [InlineData(Joint.Ankle, FigureView.Side, 90, true)]
    [InlineData(Joint.Shoulder, FigureView.Side, 180, true)]
    public void Joint_limits_catch_bodies_bending_the_wrong_way(Joint joint, FigureView view, double angle, bool allowed) =>
        JointLimits.Allows(joint, view, angle).ShouldBe(allowed);

    private static readonly Gen<double> Angle = Gen.Double[-1, 1];

    private static Gen<Pose> Poses(FigureView view)
    {
        Gen<double> In(Joint joint) => Angle.Select(t =>
        {
            var (min, max) = JointLimits.For(joint, view);
            return min + (t + 1) / 2 * (max - min);
        });
        Gen<SidePair> Pair(Joint joint) => Gen.Select(In(joint), In(joint), (w, o) => new SidePair(w, o));
        return Gen.Select(In(Joint.Trunk), In(Joint.Spine), In(Joint.Neck), Pair(Joint.Shoulder), Pair(Joint.Elbow), Pair(Joint.Hip), Pair(Joint.Knee), Pair(Joint.Ankle),
            (trunk, spine, neck, shoulder, elbow, hip, knee, ankle) => new Pose
            {
                Trunk = trunk, Spine = spine, Neck = neck, Shoulder = shoulder, Elbow = elbow, Hip = hip, Knee = knee, Ankle = ankle,
            });
    }

    [Theory]
    [InlineData(FigureView.Side)]
    [InlineData(FigureView.Front)]
    public void Every_pose_within_the_limits_stays_within_one_body_length_of_the_pelvis(FigureView view) =>
        Poses(view).Sample(pose =>
        {
            var body = BodyPosition.Solve(pose, view);
            // Longest chain from the pelvis: trunk, neck and head, arm (50) or leg with foot (57).
            return body.Bones.All(b => Within(b.Start, 110) && Within(b.End, 110));
        }, iter: 2000);

    [Theory]
    [InlineData(FigureView.Side)]
    [InlineData(FigureView.Front)]
    public void Segments_keep_their_lengths_in_every_pose(FigureView view) =>
        Poses(view).Sample(pose =>
        {
            var body = BodyPosition.Solve(pose, view);
            return Math.Abs(Length(body[Segment.WorkingThigh]) - BodyModel.ThighLength) < 1e-9
                && Math.Abs(Length(body[Segment.OtherShin]) - BodyModel.ShinLength) < 1e-9
                && Math.Abs(Length(body[Segment.Trunk]) - BodyModel.LowerTrunkLength) < 1e-9
                && Math.Abs(Length(body[Segment.Chest]) - BodyModel.ChestLength) < 1e-9;
        }, iter: 1000);

    [Fact]
    public void The_same_pose_always_gives_the_same_positions() =>
        Poses(FigureView.Side).Sample(pose =>
            BodyPosition.Solve(pose, FigureView.Side).Bones.SequenceEqual(BodyPosition.Solve(pose, FigureView.Side).Bones), iter: 500);

    private static bool Within(Point p, double radius) => double.IsFinite(p.X) && double.IsFinite(p.Y) && Math.Sqrt(p.X * p.X + p.Y * p.Y) <= radius;

    private static double Length(Bone b) => Math.Sqrt(Math.Pow(b.End.X - b.Start.X, 2) + Math.Pow(b.End.Y - b.Start.Y, 2));
}
