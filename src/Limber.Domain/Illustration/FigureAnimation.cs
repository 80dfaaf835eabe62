namespace Limber.Domain.Illustration;

/// <summary>
/// One segment of the animated figure: its shapes as drawn in the first pose, the joint it turns about,
/// and how far it turns at each keyframe relative to its parent (degrees, clockwise on screen).
/// </summary>
public sealed record AnimatedSegment(Segment Segment, Segment? Parent, Point Pivot, IReadOnlyList<Shape> Shapes, IReadOnlyList<double> Turns);

/// <summary>When each keyframe is reached and when it is left, in seconds from the start of the cycle.</summary>
public readonly record struct KeyframeTime(double Reach, double Leave);

/// <summary>
/// The figure as a rig for animation: the body moves as a whole (<see cref="Shifts"/>) and each segment turns
/// about its joint, so animating joint angles keeps every limb its own length. Every limb hangs from the trunk.
/// </summary>
public sealed record FigureAnimation(
    IReadOnlyList<AnimatedSegment> Segments,
    IReadOnlyList<Point> Shifts,
    IReadOnlyList<KeyframeTime> Times,
    double CycleSeconds)
{
    public static Segment? ParentOf(Segment segment) =>
        segment == Segment.Trunk ? null : BodyModel.Parent(segment) ?? Segment.Trunk;

    public IEnumerable<AnimatedSegment> ChildrenOf(Segment? parent) =>
        FigureLayout.DrawingOrder.Select(s => Segments.Single(a => a.Segment == s)).Where(a => a.Parent == parent);

    public static FigureAnimation Build(FigureLayout layout)
    {
        var frames = layout.Frames;
        var rest = frames[0].Body;
        var segments = new List<AnimatedSegment>();
        foreach (var segment in FigureLayout.DrawingOrder)
        {
            var parent = ParentOf(segment);
            var turns = frames.Select(f =>
            {
                var own = f.Body[segment].Angle - rest[segment].Angle;
                var inherited = parent is { } p ? f.Body[p].Angle - rest[p].Angle : 0;
                return Normalize(own - inherited);
            }).ToList();
            var shapes = FigureLayout.SegmentShapes(rest[segment],
                layout.Highlighted.Contains(segment), layout.HighlightPelvis).ToList();
            segments.Add(new AnimatedSegment(segment, parent, rest[segment].Start, shapes, turns));
        }

        var shifts = frames.Select(f => f.Body.Pelvis - rest.Pelvis).ToList();

        var times = new List<KeyframeTime>();
        var t = 0.0;
        for (var i = 0; i < frames.Count; i++)
        {
            if (i > 0)
            {
                t += frames[i].Keyframe.MoveSeconds;
            }
            times.Add(new KeyframeTime(t, t + frames[i].Keyframe.HoldSeconds));
            t += frames[i].Keyframe.HoldSeconds;
        }
        return new FigureAnimation(segments, shifts, times, t + layout.Script.ReturnSeconds);
    }

    /// <summary>Into (-180, 180], so a turn takes the short way round.</summary>
    private static double Normalize(double degrees)
    {
        var d = degrees % 360;
        return d switch
        {
            > 180 => d - 360,
            <= -180 => d + 360,
            _ => d,
        };
    }
}
