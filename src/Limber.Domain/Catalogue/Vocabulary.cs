namespace Limber.Domain.Catalogue;

// The closed vocabularies of the catalogue. Their camelCase names are what content files,
// the API and query strings use; see ContentName.

public enum ExerciseKind { Stretch, Mobility, Strength, WarmUp, SelfMassage, Breathing }

public enum BodyArea { LowerBack, HipFront, HipSide, Hamstrings, Glutes, Core, UpperBack }

public enum StartPosition { Standing, Seated, LyingBack, LyingFront, LyingSide, Kneeling, HalfKneeling, AllFours }

public enum Equipment { Chair, Wall, Mat, Pillow, Towel, FoamRoller, Step }

public enum Muscle
{
    ErectorSpinae,
    Multifidus,
    QuadratusLumborum,
    Iliopsoas,
    RectusFemoris,
    Quadriceps,
    Hamstrings,
    GluteusMaximus,
    GluteusMedius,
    GluteusMinimus,
    Piriformis,
    DeepHipRotators,
    Adductors,
    TensorFasciaeLatae,
    TransversusAbdominis,
    RectusAbdominis,
    Obliques,
    Diaphragm,
    Calves,
    LatissimusDorsi,
    ThoracicExtensors,
    Rhomboids,
}

/// <summary>Reasons a person may have to leave an exercise out; the planner matches them to the profile.</summary>
public enum SkipCondition
{
    CannotGetDownToFloor,
    CannotKneel,
    CannotStandUnsupported,
    PoorBalance,
    WristPain,
    KneePain,
    CannotJumpOrRun,
    HipReplacement,
    Pregnancy,
}
