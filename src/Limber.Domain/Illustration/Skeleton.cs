namespace Limber.Domain.Illustration;

/// <summary>A point in figure space: units of about 1.8 cm, y up, the floor at y = 0.</summary>
public readonly record struct Point(double X, double Y)
{
    public static Point operator +(Point a, Point b) => new(a.X + b.X, a.Y + b.Y);
    public static Point operator -(Point a, Point b) => new(a.X - b.X, a.Y - b.Y);
    public Point Scale(double k) => new(X * k, Y * k);

    /// <summary>A unit vector for a direction angle: 0 up, 90 forward (right), clockwise.</summary>
    public static Point Direction(double degrees)
    {
        var r = degrees * Math.PI / 180;
        return new Point(Math.Sin(r), Math.Cos(r));
    }
}

/// <summary>The body's segments: one each for trunk, head and neck, and two each for the limb parts.</summary>
public enum Segment
{
    Trunk, Chest, Head,
    WorkingUpperArm, WorkingForearm, OtherUpperArm, OtherForearm,
    WorkingThigh, WorkingShin, WorkingFoot, OtherThigh, OtherShin, OtherFoot,
}

/// <summary>Segment sizes of the simple body model, in figure units (standing height about 97).</summary>
public static class BodyModel
{
    /// <summary>The trunk in two parts, lower back and chest, that bend at the spine; straight they make one bar.</summary>
    public const double LowerTrunkLength = 15, ChestLength = 15, TrunkWidth = 13;
    public const double NeckLength = 4, HeadRadius = 6.5;
    public const double UpperArmLength = 16, UpperArmWidth = 5, ForearmLength = 15, ForearmWidth = 4;
    public const double ThighLength = 24, ThighWidth = 8.5, ShinLength = 23, ShinWidth = 6;
    public const double FootLength = 8, HeelLength = 2, FootWidth = 3.5;

    /// <summary>Half the distance between the hips and between the shoulders, seen from the front.</summary>
    public const double HipHalfSpan = 5, ShoulderHalfSpan = 9;

    public static double Width(Segment segment) => segment switch
    {
        Segment.Trunk or Segment.Chest => TrunkWidth,
        Segment.Head => HeadRadius * 2,
        Segment.WorkingUpperArm or Segment.OtherUpperArm => UpperArmWidth,
        Segment.WorkingForearm or Segment.OtherForearm => ForearmWidth,
        Segment.WorkingThigh or Segment.OtherThigh => ThighWidth,
        Segment.WorkingShin or Segment.OtherShin => ShinWidth,
        Segment.WorkingFoot or Segment.OtherFoot => FootWidth,
    };

    public static BodySide? SideOf(Segment segment) => segment switch
    {
        Segment.Trunk or Segment.Chest or Segment.Head => null,
        Segment.WorkingUpperArm or Segment.WorkingForearm or Segment.WorkingThigh or Segment.WorkingShin or Segment.WorkingFoot => BodySide.Working,
        Segment.OtherUpperArm or Segment.OtherForearm or Segment.OtherThigh or Segment.OtherShin or Segment.OtherFoot => BodySide.Other,
    };

    /// <summary>The segment each one hangs from; the trunk and thighs hang from the pelvis.</summary>
    public static Segment? Parent(Segment segment) => segment switch
    {
        Segment.Trunk or Segment.WorkingThigh or Segment.OtherThigh => null,
        Segment.Chest => Segment.Trunk,
        Segment.Head or Segment.WorkingUpperArm or Segment.OtherUpperArm => Segment.Chest,
        Segment.WorkingForearm => Segment.WorkingUpperArm,
        Segment.OtherForearm => Segment.OtherUpperArm,
        Segment.WorkingShin => Segment.WorkingThigh,
        Segment.OtherShin => Segment.OtherThigh,
        Segment.WorkingFoot => Segment.WorkingShin,
        Segment.OtherFoot => Segment.OtherShin,
    };
}

/// <summary>A segment placed in space: from its joint to its far end, pointing along <see cref="Angle"/>.</summary>
public readonly record struct Bone(Segment Segment, Point Start, Point End, double Angle, double Width);

/// <summary>A pose solved into positions (forward kinematics), the pelvis at the origin until placed.</summary>
public sealed class BodyPosition
{
    private readonly Dictionary<Segment, Bone> _bones;

    private BodyPosition(Dictionary<Segment, Bone> bones) => _bones = bones;

    public Bone this[Segment segment] => _bones[segment];

    public IEnumerable<Bone> Bones => _bones.Values;

    public Point Pelvis => _bones[Segment.Trunk].Start;

    public Point this[BodyPoint point] => point switch
    {
        BodyPoint.Pelvis => Pelvis,
        BodyPoint.MidBack => this[Segment.Trunk].End,
        BodyPoint.Shoulders => this[Segment.Chest].End,
        BodyPoint.Head => this[Segment.Head].End,
        BodyPoint.WorkingElbow => this[Segment.WorkingUpperArm].End,
        BodyPoint.WorkingHand => this[Segment.WorkingForearm].End,
        BodyPoint.OtherElbow => this[Segment.OtherUpperArm].End,
        BodyPoint.OtherHand => this[Segment.OtherForearm].End,
        BodyPoint.WorkingKnee => this[Segment.WorkingThigh].End,
        BodyPoint.WorkingAnkle => this[Segment.WorkingShin].End,
        BodyPoint.WorkingToe => this[Segment.WorkingFoot].End,
        BodyPoint.WorkingHeel => this[Segment.WorkingFoot].Start,
        BodyPoint.WorkingMidThigh => Mid(this[Segment.WorkingThigh]),
        BodyPoint.OtherKnee => this[Segment.OtherThigh].End,
        BodyPoint.OtherAnkle => this[Segment.OtherShin].End,
        BodyPoint.OtherToe => this[Segment.OtherFoot].End,
        BodyPoint.OtherHeel => this[Segment.OtherFoot].Start,
        BodyPoint.OtherMidThigh => Mid(this[Segment.OtherThigh]),
    };

    /// <summary>The lowest point of the body's outline (segments are drawn as rounded bars of their width).</summary>
    public double Bottom => _bones.Values.Min(b => Math.Min(b.Start.Y, b.End.Y) - (b.Segment == Segment.Head ? BodyModel.HeadRadius : b.Width / 2));

    public BodyPosition Moved(Point by) => new(_bones.ToDictionary(
        b => b.Key, b => b.Value with { Start = b.Value.Start + by, End = b.Value.End + by }));

    private static Point Mid(Bone b) => (b.Start + b.End).Scale(0.5);

    /// <summary>Solves a pose with the pelvis at the origin.</summary>
    public static BodyPosition Solve(Pose pose, FigureView view)
    {
        var bones = new Dictionary<Segment, Bone>();
        var pelvis = new Point(0, 0);
        void Add(Segment s, Point start, double angle, double length) =>
            bones[s] = new Bone(s, start, start + Point.Direction(angle).Scale(length), angle, BodyModel.Width(s));

        Add(Segment.Trunk, pelvis, pose.Trunk, BodyModel.LowerTrunkLength);
        var chest = pose.Trunk + pose.Spine;
        Add(Segment.Chest, bones[Segment.Trunk].End, chest, BodyModel.ChestLength);
        var shoulders = bones[Segment.Chest].End;
        // The head segment runs from the shoulders through the neck to the centre of the head.
        Add(Segment.Head, shoulders, chest + pose.Neck, BodyModel.NeckLength + BodyModel.HeadRadius);

        foreach (var side in new[] { BodySide.Other, BodySide.Working })
        {
            // Side view: both limbs bend forward. Front view: the working side is on the right, the other on the left,
            // and every angle turns the limb outward.
            var outward = view == FigureView.Side ? 1 : side == BodySide.Working ? 1 : -1;
            var hip = view == FigureView.Side ? pelvis : pelvis + Point.Direction(pose.Trunk + 90).Scale(outward * BodyModel.HipHalfSpan);
            var shoulder = view == FigureView.Side ? shoulders : shoulders + Point.Direction(chest + 90).Scale(outward * BodyModel.ShoulderHalfSpan);
            var (upperArm, forearm, thigh, shin, foot) = side == BodySide.Working
                ? (Segment.WorkingUpperArm, Segment.WorkingForearm, Segment.WorkingThigh, Segment.WorkingShin, Segment.WorkingFoot)
                : (Segment.OtherUpperArm, Segment.OtherForearm, Segment.OtherThigh, Segment.OtherShin, Segment.OtherFoot);

            var armAngle = chest + 180 - outward * pose.Shoulder.For(side);
            Add(upperArm, shoulder, armAngle, BodyModel.UpperArmLength);
            Add(forearm, bones[upperArm].End, armAngle - outward * pose.Elbow.For(side), BodyModel.ForearmLength);

            var thighAngle = pose.Trunk + 180 - outward * pose.Hip.For(side);
            Add(thigh, hip, thighAngle, BodyModel.ThighLength);
            var shinAngle = thighAngle + outward * pose.Knee.For(side);
            Add(shin, bones[thigh].End, shinAngle, BodyModel.ShinLength);

            var ankle = bones[shin].End;
            if (view == FigureView.Side)
            {
                var footAngle = shinAngle - 90 + pose.Ankle.For(side);
                var heel = ankle - Point.Direction(footAngle).Scale(BodyModel.HeelLength);
                Add(foot, heel, footAngle, BodyModel.FootLength + BodyModel.HeelLength);
            }
            else
            {
                // Seen from the front a foot is short: a stub turned slightly out.
                Add(foot, ankle, shinAngle - outward * 60, 3.5);
            }
        }
        return new BodyPosition(bones);
    }
}
