using Limber.Domain.Illustration;

namespace Limber.Domain.Catalogue;

/// <summary>Reads and checks the <c>figure</c> of an exercise file: view, props, and the poses as keyframes.</summary>
internal static class FigureReader
{
    public const double DefaultMoveSeconds = 3;
    public const double DefaultStartHoldSeconds = 1;
    public const double DefaultHoldSeconds = 2;

    private static readonly string[] FigureFields = ["view", "anchor", "return", "props", "poses"];
    private static readonly string[] PoseFields = ["name", "move", "hold", "lift", "trunk", "spine", "neck", "shoulder", "elbow", "hip", "knee", "ankle"];

    public static FigureScript? Read(YamlMap figure, Dose? dose)
    {
        var before = figure.ProblemCount;
        figure.RejectUnknown(FigureFields);
        var view = figure.Enum<FigureView>("view", required: true);
        var anchor = figure.Enum<BodyPoint>("anchor", required: false);
        var back = figure.Double("return", 0.5, 30, required: false) ?? DefaultMoveSeconds;
        var props = ReadProps(figure);
        var poses = figure.Maps("poses", required: true);
        if (poses.Count < 2)
        {
            figure.Problem(figure.LineOf("poses"), "poses", "needs at least a start and an end pose");
        }

        var keyframes = new List<Keyframe>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < poses.Count; i++)
        {
            var map = poses[i];
            map.RejectUnknown(PoseFields);
            var name = map.String("name", required: true);
            if (name is not null && !names.Add(name))
            {
                map.Problem(map.LineOf("name"), "name", $"\"{name}\" is already the name of another pose");
            }
            var isLast = i == poses.Count - 1;
            var move = map.Double("move", 0.5, 30, required: false) ?? DefaultMoveSeconds;
            var hold = map.Double("hold", 0, 120, required: false)
                ?? (i == 0 ? DefaultStartHoldSeconds : isLast && dose?.HoldSeconds is { } h ? h : DefaultHoldSeconds);
            var pose = ReadPose(map, view ?? FigureView.Side);
            if (name is not null && pose is not null)
            {
                keyframes.Add(new Keyframe(name, pose, move, hold));
            }
        }

        // A figure with any problem is not checked further, so one mistake gives one message.
        return view is null || keyframes.Count != poses.Count || keyframes.Count < 2 || figure.ProblemCount > before
            ? null
            : new FigureScript(view.Value, props, keyframes, anchor, back);
    }

    internal static List<Prop> ReadProps(YamlMap figure)
    {
        var props = new List<Prop>();
        foreach (var entry in figure.Maps("props", required: false))
        {
            var keys = entry.Keys.ToList();
            if (keys.Count != 1)
            {
                entry.Problem(entry.Line, "(prop)", "write each prop as kind: body point, e.g. pillow: workingKnee");
                continue;
            }
            var kind = ContentName.TryParse<PropKind>(keys[0], out var k) && ContentName.Of(k) == keys[0] ? k : (PropKind?)null;
            if (kind is null)
            {
                entry.Problem(entry.LineOf(keys[0]), keys[0], $"is not a prop; use one of: {string.Join(", ", ContentName.All<PropKind>())}");
                continue;
            }
            if (entry.Enum<BodyPoint>(keys[0], required: true) is { } at)
            {
                props.Add(new Prop(kind.Value, at));
            }
        }
        return props;
    }

    internal static Pose? ReadPose(YamlMap map, FigureView view)
    {
        var valid = true;
        double Single(string field, Joint joint)
        {
            var value = map.Double(field, -360, 360, required: false) ?? 0;
            if (!JointLimits.Allows(joint, view, value))
            {
                var (min, max) = JointLimits.For(joint, view);
                map.Problem(map.LineOf(field), field, $"{value} degrees is outside the {field} range {min} to {max} in {ContentName.Of(view)} view");
                valid = false;
            }
            return value;
        }
        SidePair Pair(string field, Joint joint)
        {
            var (working, other) = map.Pair(field) ?? (0, 0);
            foreach (var (side, value) in new[] { ("working", working), ("other", other) })
            {
                if (!JointLimits.Allows(joint, view, value))
                {
                    var (min, max) = JointLimits.For(joint, view);
                    map.Problem(map.LineOf(field), field, $"{side} side {value} degrees is outside the {field} range {min} to {max} in {ContentName.Of(view)} view");
                    valid = false;
                }
            }
            return new SidePair(working, other);
        }

        var pose = new Pose
        {
            Trunk = Single("trunk", Joint.Trunk),
            Spine = Single("spine", Joint.Spine),
            Neck = Single("neck", Joint.Neck),
            Shoulder = Pair("shoulder", Joint.Shoulder),
            Elbow = Pair("elbow", Joint.Elbow),
            Hip = Pair("hip", Joint.Hip),
            Knee = Pair("knee", Joint.Knee),
            Ankle = Pair("ankle", Joint.Ankle),
            Lift = map.Double("lift", 0, 40, required: false) ?? 0,
        };
        return valid ? pose : null;
    }
}
