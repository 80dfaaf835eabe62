using Limber.Domain.Catalogue;

namespace Limber.Web.Catalogue;

/// <summary>The words people read for the catalogue's vocabulary.</summary>
public static class Labels
{
    public static string Of(BodyArea area) => area switch
    {
        BodyArea.LowerBack => "Lower back",
        BodyArea.HipFront => "Front of hips",
        BodyArea.HipSide => "Side of hips",
        BodyArea.Hamstrings => "Back of thighs",
        BodyArea.Glutes => "Buttocks",
        BodyArea.Core => "Core",
        BodyArea.UpperBack => "Upper back",
    };

    public static string Of(ExerciseKind kind) => kind switch
    {
        ExerciseKind.Stretch => "Stretch",
        ExerciseKind.Mobility => "Mobility",
        ExerciseKind.Strength => "Strength",
        ExerciseKind.WarmUp => "Warm-up drill",
        ExerciseKind.SelfMassage => "Self-massage",
        ExerciseKind.Breathing => "Breathing",
    };

    public static string Of(StartPosition position) => position switch
    {
        StartPosition.Standing => "Standing",
        StartPosition.Seated => "Seated in a chair",
        StartPosition.LyingBack => "Lying on your back",
        StartPosition.LyingFront => "Lying on your front",
        StartPosition.LyingSide => "Lying on your side",
        StartPosition.Kneeling => "Kneeling",
        StartPosition.HalfKneeling => "Half-kneeling (one knee down)",
        StartPosition.AllFours => "On hands and knees",
    };

    public static string Of(Equipment equipment) => equipment switch
    {
        Equipment.Chair => "Chair",
        Equipment.Wall => "Wall",
        Equipment.Mat => "Mat",
        Equipment.Pillow => "Pillow",
        Equipment.Towel => "Towel",
        Equipment.FoamRoller => "Foam roller",
        Equipment.Step => "Step",
    };

    public static string Of(Muscle muscle) => muscle switch
    {
        Muscle.ErectorSpinae => "Back extensors (erector spinae)",
        Muscle.Multifidus => "Deep back muscles (multifidus)",
        Muscle.QuadratusLumborum => "Side of the lower back (quadratus lumborum)",
        Muscle.Iliopsoas => "Hip flexors (iliopsoas)",
        Muscle.RectusFemoris => "Front thigh and hip (rectus femoris)",
        Muscle.Quadriceps => "Front of thighs (quadriceps)",
        Muscle.Hamstrings => "Back of thighs (hamstrings)",
        Muscle.GluteusMaximus => "Buttocks (gluteus maximus)",
        Muscle.GluteusMedius => "Side of hips (gluteus medius)",
        Muscle.GluteusMinimus => "Side of hips (gluteus minimus)",
        Muscle.Piriformis => "Deep buttock (piriformis)",
        Muscle.DeepHipRotators => "Deep hip rotators",
        Muscle.Adductors => "Inner thighs (adductors)",
        Muscle.TensorFasciaeLatae => "Outer hip (tensor fasciae latae)",
        Muscle.TransversusAbdominis => "Deep core (transversus abdominis)",
        Muscle.RectusAbdominis => "Front of belly (rectus abdominis)",
        Muscle.Obliques => "Sides of belly (obliques)",
        Muscle.Diaphragm => "Breathing muscle (diaphragm)",
        Muscle.Calves => "Calves",
        Muscle.LatissimusDorsi => "Side of the back (latissimus dorsi)",
        Muscle.ThoracicExtensors => "Upper back extensors",
        Muscle.Rhomboids => "Between the shoulder blades (rhomboids)",
    };

    /// <summary>Completes "Leave this out if …".</summary>
    public static string Of(SkipCondition condition) => condition switch
    {
        SkipCondition.CannotGetDownToFloor => "you cannot get down to the floor and up again",
        SkipCondition.CannotKneel => "you cannot kneel",
        SkipCondition.CannotStandUnsupported => "you cannot stand without support",
        SkipCondition.PoorBalance => "your balance is unsteady",
        SkipCondition.WristPain => "your wrists hurt when you lean on your hands",
        SkipCondition.KneePain => "your knees hurt when you kneel or bend them deeply",
        SkipCondition.CannotJumpOrRun => "you cannot jump or run",
        SkipCondition.HipReplacement => "you have had a hip replaced (ask your surgeon or physiotherapist first)",
        SkipCondition.Pregnancy => "you are pregnant (ask your midwife or doctor first)",
    };

    public static string Difficulty(int level) => level switch
    {
        1 => "Gentle",
        2 => "Moderate",
        _ => "Demanding",
    };

    public static string Minutes(int minutes) => minutes == 1 ? "about 1 minute" : $"about {minutes} minutes";
}
