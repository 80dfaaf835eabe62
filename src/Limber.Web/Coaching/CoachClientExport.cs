using Limber.Storage;
using Limber.Web.Accounts;

namespace Limber.Web.Coaching;

/// <summary>
/// A client's FHIR R4 bundle for their coach (<see cref="FhirExport"/>), made only of what the client shares: the
/// pain check-ins and everyday-activity ratings with progress, the warning-sign screens with screens, the program and
/// its doses with the program. The patient carries the account id only, as in the client's own bundle.
/// </summary>
public static class CoachClientExport
{
    /// <summary>The kinds of shared data a FHIR bundle has a place for (sessions have none: they stay in the JSON).</summary>
    public static IReadOnlyList<ShareKind> FhirKinds { get; } = [ShareKind.Progress, ShareKind.Screens, ShareKind.Program];

    /// <summary>What the coach reads the client's data for, in the client's log.</summary>
    public const string AuditWhat = "export-fhir";

    /// <summary>
    /// The kinds of <see cref="FhirKinds"/> the coach may read now, each checked through <see cref="CoachAccess"/>, and
    /// the link after writing the one audit event of the export; no link (and nothing written) when none may be read.
    /// </summary>
    public static async Task<(CoachLink? Link, IReadOnlySet<ShareKind> Kinds)> AccessAsync(
        CoachAccess access, CoachContext coach, Guid clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        var kinds = new HashSet<ShareKind>();
        foreach (var kind in FhirKinds)
        {
            if (await access.LinkAsync(coach, clientId, kind, ct) is not null)
            {
                kinds.Add(kind);
            }
        }
        return kinds.Count == 0 ? (null, kinds) : (await access.ClientAsync(coach, clientId, null, AuditWhat, ct), kinds);
    }

    /// <summary>The export with only the shared kinds' rows (and the profile, whose time zone dates the entries).</summary>
    public static PersonExport Shared(PersonExport export, IReadOnlySet<ShareKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(kinds);
        var progress = kinds.Contains(ShareKind.Progress);
        var screens = kinds.Contains(ShareKind.Screens);
        var program = kinds.Contains(ShareKind.Program);
        return export with
        {
            Account = export.Account with
            {
                UserName = null, Email = null, EmailConfirmed = false, PhoneNumber = null, PhoneNumberConfirmed = false,
                TwoFactorEnabled = false, LockoutEnabled = false, LockoutEnd = null, AccessFailedCount = 0,
                Roles = [], Claims = [], Logins = [], Passkeys = [],
            },
            ProfileActivities = progress ? export.ProfileActivities : [],
            CheckIns = progress ? export.CheckIns : [],
            JudgedScreens = screens ? export.JudgedScreens : [],
            ScreenAnswers = screens ? export.ScreenAnswers : [],
            ReferralConfirmations = screens ? export.ReferralConfirmations : [],
            Programs = program ? export.Programs : [],
            Routines = program ? export.Routines : [],
            RoutineItems = program ? export.RoutineItems : [],
            ProgramExercises = program ? export.ProgramExercises : [],
            Sessions = [],
            ExerciseLogs = [],
            SessionStops = [],
            Consents = [],
            ReminderSchedules = [],
            DueReminders = [],
            PushDevices = [],
            OrganisationMembers = [],
            CoachInvites = [],
            CoachLinks = [],
            AuditEvents = [],
        };
    }

    /// <summary>The bundle's file name for a download: limber-client-{yyyy-MM-dd}.fhir.json.</summary>
    public static string FileName(DateTimeOffset at) => $"limber-client-{at.UtcDateTime:yyyy-MM-dd}.fhir.json";
}
