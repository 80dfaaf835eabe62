namespace Limber.Domain.Illustration;

/// <summary>
/// How the figure is seen: from the side (most exercises), from the front (sideways moves), or from above
/// (lying moves that open sideways, like the butterfly). Top uses the front view's angles and has no floor line.
/// </summary>
public enum FigureView { Side, Front, Top }

/// <summary>The joints a pose sets. The trunk is absolute; every other angle is relative to its parent segment.</summary>
public enum Joint { Trunk, Spine, Neck, Shoulder, Elbow, Hip, Knee, Ankle }

/// <summary>An angle for each side: the working side (drawn nearest in side view) and the other side.</summary>
public readonly record struct SidePair(double Working, double Other)
{
    public static SidePair Both(double angle) => new(angle, angle);

    public double For(BodySide side) => side == BodySide.Working ? Working : Other;
}

public enum BodySide { Working, Other }

/// <summary>
/// A body position as joint angles, in degrees. Side view, facing right:
/// <list type="bullet">
/// <item>Trunk: direction from pelvis to shoulders, 0 upright, 90 leaning fully forward (lying face down), -90 lying on the back.</item>
/// <item>Spine: the bend between the lower back and the chest, positive rounding forward, negative arching back.</item>
/// <item>Neck: head tilt relative to the chest, positive chin down.</item>
/// <item>Shoulder: 0 arm hanging along the trunk, 90 forward, 180 overhead, negative behind.</item>
/// <item>Elbow, Knee: bend, 0 straight.</item>
/// <item>Hip: 0 thigh in line with the trunk, positive bending forward (sitting is 90), negative behind.</item>
/// <item>Ankle: 0 foot at a right angle to the shin, positive toes pointed.</item>
/// </list>
/// In front view the same angles are turned outward: hip and shoulder lift the limb away from the body's midline.
/// </summary>
public sealed record Pose
{
    public double Trunk { get; init; }
    public double Spine { get; init; }
    public double Neck { get; init; }
    public SidePair Shoulder { get; init; }
    public SidePair Elbow { get; init; }
    public SidePair Hip { get; init; }
    public SidePair Knee { get; init; }
    public SidePair Ankle { get; init; }

    /// <summary>Raise the whole body off its anchor, e.g. the top of a jump.</summary>
    public double Lift { get; init; }

    public double Angle(Joint joint, BodySide side) => joint switch
    {
        Joint.Trunk => Trunk,
        Joint.Spine => Spine,
        Joint.Neck => Neck,
        Joint.Shoulder => Shoulder.For(side),
        Joint.Elbow => Elbow.For(side),
        Joint.Hip => Hip.For(side),
        Joint.Knee => Knee.For(side),
        Joint.Ankle => Ankle.For(side),
    };
}

/// <summary>
/// The range each joint may take, so content cannot bend a body the way no body bends.
/// Generous rather than clinical: the aim is to catch typing mistakes, not to grade flexibility.
/// </summary>
public static class JointLimits
{
    public static (double Min, double Max) For(Joint joint, FigureView view) => (joint, view == FigureView.Top ? FigureView.Front : view) switch
    {
        (Joint.Trunk, _) => (-180, 180),
        (Joint.Spine, FigureView.Side) => (-40, 60),
        (Joint.Spine, FigureView.Front) => (-40, 40),
        (_, FigureView.Top) => throw new ArgumentOutOfRangeException(nameof(view), "Top is read as Front above."),
        (Joint.Neck, FigureView.Side) => (-50, 60),
        (Joint.Neck, FigureView.Front) => (-45, 45),
        (Joint.Shoulder, FigureView.Side) => (-90, 185),
        (Joint.Shoulder, FigureView.Front) => (-30, 185),
        (Joint.Elbow, FigureView.Side) => (0, 170),
        (Joint.Elbow, FigureView.Front) => (-160, 160),
        (Joint.Hip, FigureView.Side) => (-45, 160),
        (Joint.Hip, FigureView.Front) => (-40, 110),
        (Joint.Knee, FigureView.Side) => (0, 160),
        (Joint.Knee, FigureView.Front) => (-160, 160),
        // Kneeling with the tops of the feet on the floor draws the foot in line with the shin.
        (Joint.Ankle, _) => (-35, 90),
    };

    public static bool Allows(Joint joint, FigureView view, double angle)
    {
        var (min, max) = For(joint, view);
        return angle >= min && angle <= max;
    }
}
