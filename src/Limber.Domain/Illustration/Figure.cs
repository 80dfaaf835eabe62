using Limber.Domain.Catalogue;

namespace Limber.Domain.Illustration;

/// <summary>Points on the body that props and anchors refer to.</summary>
public enum BodyPoint
{
    Pelvis, MidBack, Shoulders, Head,
    WorkingElbow, WorkingHand, OtherElbow, OtherHand,
    WorkingKnee, WorkingAnkle, WorkingToe, WorkingHeel, WorkingMidThigh,
    OtherKnee, OtherAnkle, OtherToe, OtherHeel, OtherMidThigh,
}

/// <summary>Things drawn around the figure. The floor line is always drawn.</summary>
public enum PropKind { Chair, Wall, Mat, Pillow, Towel, FoamRoller, Step }

/// <summary>A prop placed at a point of the body in the first pose (a towel runs from that point to the working hand).</summary>
public sealed record Prop(PropKind Kind, BodyPoint At);

/// <summary>One pose of the movement, reached after <see cref="MoveSeconds"/> and held for <see cref="HoldSeconds"/>.</summary>
public sealed record Keyframe(string Name, Pose Pose, double MoveSeconds, double HoldSeconds);

/// <summary>
/// How an exercise is drawn: the view, the props, and the poses from start to end. The animation moves
/// through the keyframes and back to the first; the body point <see cref="Anchor"/> stays where it is.
/// </summary>
public sealed record FigureScript(
    FigureView View,
    IReadOnlyList<Prop> Props,
    IReadOnlyList<Keyframe> Keyframes,
    BodyPoint? Anchor,
    double ReturnSeconds)
{
    /// <summary>Which equipment needs which prop drawn.</summary>
    public static PropKind? PropFor(Equipment equipment) => equipment switch
    {
        Equipment.Chair => PropKind.Chair,
        Equipment.Wall => PropKind.Wall,
        Equipment.Mat => PropKind.Mat,
        Equipment.Pillow => PropKind.Pillow,
        Equipment.Towel => PropKind.Towel,
        Equipment.FoamRoller => PropKind.FoamRoller,
        Equipment.Step => PropKind.Step,
    };

    public double CycleSeconds =>
        Keyframes.Sum(k => k.HoldSeconds) + Keyframes.Skip(1).Sum(k => k.MoveSeconds) + ReturnSeconds;
}
