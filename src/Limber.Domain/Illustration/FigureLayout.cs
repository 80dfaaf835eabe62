using Limber.Domain.Catalogue;

namespace Limber.Domain.Illustration;

/// <summary>One keyframe solved and placed on the floor.</summary>
public sealed record PlacedFrame(Keyframe Keyframe, BodyPosition Body);

/// <summary>
/// A figure script laid out in space: every keyframe placed so the anchor point stays put and the first pose
/// rests on the floor; the props; the segments that carry target muscles; and the drawing's bounds.
/// </summary>
public sealed class FigureLayout
{
    /// <summary>How far below the floor a body outline may dip before it counts as going through it.</summary>
    public const double FloorTolerance = 1.0;

    private FigureLayout(FigureScript script, IReadOnlyList<PlacedFrame> frames, IReadOnlyList<Shape> props,
        IReadOnlySet<Segment> highlighted, bool highlightPelvis, Bounds bounds)
    {
        Script = script;
        Frames = frames;
        Props = props;
        Highlighted = highlighted;
        HighlightPelvis = highlightPelvis;
        Bounds = bounds;
    }

    public FigureScript Script { get; }
    public IReadOnlyList<PlacedFrame> Frames { get; }
    public IReadOnlyList<Shape> Props { get; }
    public IReadOnlySet<Segment> Highlighted { get; }

    /// <summary>The buttock muscles have no segment of their own: a patch at the pelvis shows them.</summary>
    public bool HighlightPelvis { get; }

    public Bounds Bounds { get; }

    public static FigureLayout Build(FigureScript script, IReadOnlyCollection<Muscle> muscles, bool perSide)
    {
        var solved = script.Keyframes.Select(k => BodyPosition.Solve(k.Pose, script.View)).ToList();
        var anchor = script.Anchor ?? LowestPoint(solved[0]);

        // The first pose rests on the floor; every later pose keeps the anchor where the first one had it.
        var first = solved[0].Moved(new Point(0, -solved[0].Bottom));
        var fixedAt = first[anchor];
        var frames = new List<PlacedFrame>();
        for (var i = 0; i < solved.Count; i++)
        {
            var body = i == 0 ? first : solved[i].Moved(fixedAt - solved[i][anchor]);
            body = body.Moved(new Point(0, script.Keyframes[i].Pose.Lift));
            frames.Add(new PlacedFrame(script.Keyframes[i], body));
        }

        var props = PropShapes(script, first);
        var (segments, pelvis) = Highlights(muscles, perSide);
        var bounds = frames
            .Select(f => Bounds.Of(BodyShapes(f.Body, script.View, segments, pelvis).Append(new Disc(f.Body[BodyPoint.WorkingHand], 1, Ink.PropLine))))
            .Concat(props.Select(Bounds.Of))
            .Aggregate((a, b) => a.Union(b));
        bounds = bounds.Union(new Bounds(bounds.MinX, 0, bounds.MaxX, 0));
        return new FigureLayout(script, frames, props, segments, pelvis, bounds.Inflate(4));
    }

    /// <summary>Everything of one keyframe, far to near: floor, props, then the body, then a towel in the hands.</summary>
    public IReadOnlyList<Shape> Frame(int index)
    {
        var shapes = new List<Shape>();
        if (HasFloor)
        {
            shapes.Add(Floor());
        }
        shapes.AddRange(Props);
        shapes.AddRange(BodyShapes(Frames[index].Body, Script.View, Highlighted, HighlightPelvis));
        if (Towel(index) is { } towel)
        {
            shapes.Add(towel);
        }
        return shapes;
    }

    /// <summary>
    /// A towel runs from its body point to the working hand in every pose, so unlike the other props it moves.
    /// </summary>
    public Polyline? Towel(int index) =>
        Script.Props.FirstOrDefault(p => p.Kind == PropKind.Towel) is { } towel
            ? new Polyline([Frames[index].Body[BodyPoint.WorkingHand], Frames[index].Body[towel.At]], 1.6, Ink.PropLine)
            : null;

    /// <summary>Seen from above, the floor is everywhere, so no floor line is drawn.</summary>
    public bool HasFloor => Script.View != FigureView.Top;

    // Inset by half its width so the round ends stay inside the drawing.
    public Stroke Floor() => new(new Point(Bounds.MinX + 0.6, 0), new Point(Bounds.MaxX - 0.6, 0), 1.2, Ink.Floor);

    /// <summary>The order segments are drawn in: far limbs first, then trunk and head, then near limbs.</summary>
    public static IReadOnlyList<Segment> DrawingOrder { get; } =
    [
        Segment.OtherThigh, Segment.OtherShin, Segment.OtherFoot, Segment.OtherUpperArm, Segment.OtherForearm,
        Segment.Trunk, Segment.Chest, Segment.Head,
        Segment.WorkingThigh, Segment.WorkingShin, Segment.WorkingFoot, Segment.WorkingUpperArm, Segment.WorkingForearm,
    ];

    /// <summary>The shapes of one segment in a given position: the bar, and its highlight over it.</summary>
    public static IEnumerable<Shape> SegmentShapes(Bone bone, bool highlighted, bool highlightPelvis)
    {
        var far = BodyModel.SideOf(bone.Segment) == BodySide.Other;
        var ink = far ? Ink.BodyFar : Ink.BodyNear;
        if (bone.Segment == Segment.Head)
        {
            // Neck as a short bar, head as a disc at the far end.
            var neckEnd = bone.Start + Point.Direction(bone.Angle).Scale(BodyModel.NeckLength);
            yield return new Stroke(bone.Start, neckEnd, 4.5, ink);
            yield return new Disc(bone.End, BodyModel.HeadRadius, ink);
            yield break;
        }
        yield return new Stroke(bone.Start, bone.End, bone.Width, ink);
        if (highlighted)
        {
            yield return new Stroke(bone.Start, bone.End, bone.Width * 0.55, Ink.Highlight);
        }
        if (bone.Segment == Segment.Trunk && highlightPelvis)
        {
            yield return new Disc(bone.Start, BodyModel.TrunkWidth * 0.42, Ink.Highlight);
        }
    }

    private static IEnumerable<Shape> BodyShapes(BodyPosition body, FigureView view, IReadOnlySet<Segment> highlighted, bool pelvis) =>
        DrawingOrder.SelectMany(s => SegmentShapes(body[s], highlighted.Contains(s), pelvis));

    private static BodyPoint LowestPoint(BodyPosition body) =>
        Enum.GetValues<BodyPoint>().MinBy(p => body[p].Y);

    private static (IReadOnlySet<Segment>, bool) Highlights(IReadOnlyCollection<Muscle> muscles, bool perSide)
    {
        var segments = new HashSet<Segment>();
        var pelvis = false;
        void Legs(Segment working, Segment other)
        {
            segments.Add(working);
            if (!perSide)
            {
                segments.Add(other);
            }
        }
        foreach (var muscle in muscles)
        {
            switch (muscle)
            {
                case Muscle.Multifidus or Muscle.QuadratusLumborum or Muscle.TransversusAbdominis
                    or Muscle.RectusAbdominis or Muscle.Obliques:
                    segments.Add(Segment.Trunk);
                    break;
                case Muscle.ErectorSpinae:
                    segments.Add(Segment.Trunk);
                    segments.Add(Segment.Chest);
                    break;
                case Muscle.Diaphragm or Muscle.LatissimusDorsi or Muscle.ThoracicExtensors or Muscle.Rhomboids:
                    segments.Add(Segment.Chest);
                    break;
                case Muscle.Iliopsoas or Muscle.RectusFemoris or Muscle.Quadriceps or Muscle.Hamstrings or Muscle.Adductors
                    or Muscle.TensorFasciaeLatae:
                    Legs(Segment.WorkingThigh, Segment.OtherThigh);
                    break;
                case Muscle.GluteusMaximus or Muscle.GluteusMedius or Muscle.GluteusMinimus or Muscle.Piriformis or Muscle.DeepHipRotators:
                    pelvis = true;
                    break;
                case Muscle.Calves:
                    Legs(Segment.WorkingShin, Segment.OtherShin);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(muscles), muscle, "No place on the figure for this muscle.");
            }
        }
        return (segments, pelvis);
    }

    private static List<Shape> PropShapes(FigureScript script, BodyPosition body)
    {
        var shapes = new List<Shape>();
        foreach (var prop in script.Props)
        {
            var at = body[prop.At];
            switch (prop.Kind)
            {
                case PropKind.Chair:
                    shapes.AddRange(Chair(body, prop.At, at));
                    break;
                case PropKind.Wall:
                    // Just beyond the point, on the side away from the pelvis.
                    var side = at.X >= body.Pelvis.X ? 1 : -1;
                    var x = at.X + side * 3;
                    shapes.Add(new Box(new Point(Math.Min(x, x + side * 4), 0), new Point(Math.Max(x, x + side * 4), 105), 0, Ink.Prop));
                    break;
                case PropKind.Mat:
                    var bodyBounds = Bounds.Of(DrawingOrder.SelectMany(s => SegmentShapes(body[s], false, false)));
                    shapes.Add(new Box(new Point(bodyBounds.MinX - 4, -0.2), new Point(bodyBounds.MaxX + 4, 1.2), 0.6, Ink.Prop));
                    break;
                case PropKind.Pillow:
                    var top = Math.Max(3.5, at.Y - 3);
                    shapes.Add(new Box(new Point(at.X - 8, 0), new Point(at.X + 8, top), 2.5, Ink.Prop));
                    break;
                case PropKind.Towel:
                    // Drawn with each pose: see Towel.
                    break;
                case PropKind.FoamRoller:
                    shapes.Add(new Disc(new Point(at.X, 5.5), 5.5, Ink.Prop));
                    shapes.Add(new Disc(new Point(at.X, 5.5), 1.6, Ink.PropLine));
                    break;
                case PropKind.Step:
                    var height = at.Y > 4 ? at.Y - 2 : 10;
                    shapes.Add(new Box(new Point(at.X - 11, 0), new Point(at.X + 11, height), 1, Ink.Prop));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(script), prop.Kind, "Unknown prop.");
            }
        }
        return shapes;
    }

    /// <summary>A chair: under the pelvis for sitting, or beside a hand for balance, its back to the person.</summary>
    private static IEnumerable<Shape> Chair(BodyPosition body, BodyPoint at, Point point)
    {
        double seatFront, seatBack, seatY;
        if (at is BodyPoint.Pelvis or BodyPoint.WorkingMidThigh or BodyPoint.OtherMidThigh)
        {
            seatY = Math.Max(8, point.Y - BodyModel.ThighWidth / 2);
            seatBack = body.Pelvis.X - 9;
            seatFront = body.Pelvis.X + 13;
        }
        else
        {
            // The hand rests on top of the chair back; the seat reaches away from the person.
            var away = point.X >= body.Pelvis.X ? 1 : -1;
            seatY = 24;
            seatBack = point.X;
            seatFront = point.X + away * 20;
        }
        var (left, right) = (Math.Min(seatBack, seatFront), Math.Max(seatBack, seatFront));
        var backTop = at is BodyPoint.Pelvis or BodyPoint.WorkingMidThigh or BodyPoint.OtherMidThigh ? seatY + 28 : point.Y - 1;
        yield return new Box(new Point(left, seatY - 2.5), new Point(right, seatY), 1, Ink.Prop);
        yield return new Stroke(new Point(left + 1, 0), new Point(left + 1, seatY), 2, Ink.Prop);
        yield return new Stroke(new Point(right - 1, 0), new Point(right - 1, seatY), 2, Ink.Prop);
        yield return new Stroke(new Point(seatBack, seatY), new Point(seatBack, Math.Max(backTop, seatY + 10)), 2.4, Ink.Prop);
    }
}
