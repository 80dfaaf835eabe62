namespace Limber.Storage;

/// <summary>
/// Everything stored about one person (product part 10: "export of everything"): the account's
/// basics, and every row of every person-owned table, each with all its columns. Enums are
/// written by name, times in UTC. A test fails when a person-owned table or column is missing
/// here, so adding a table means adding it to the export.
/// </summary>
public sealed record PersonExport(
    ExportedAccount Account,
    IReadOnlyList<ProfileRow> Profiles,
    IReadOnlyList<ProfileActivityRow> ProfileActivities,
    IReadOnlyList<JudgedScreenRow> JudgedScreens,
    IReadOnlyList<ScreenAnswerRow> ScreenAnswers,
    IReadOnlyList<ReferralConfirmationRow> ReferralConfirmations,
    IReadOnlyList<ProgramRow> Programs,
    IReadOnlyList<RoutineRow> Routines,
    IReadOnlyList<RoutineItemRow> RoutineItems,
    IReadOnlyList<SessionRow> Sessions,
    IReadOnlyList<ExerciseLogRow> ExerciseLogs,
    IReadOnlyList<SessionStopRow> SessionStops,
    IReadOnlyList<CheckInRow> CheckIns,
    IReadOnlyList<ConsentRow> Consents,
    IReadOnlyList<ReminderScheduleRow> ReminderSchedules,
    IReadOnlyList<DueReminderRow> DueReminders,
    IReadOnlyList<PushDeviceRow> PushDevices,
    IReadOnlyList<OrganisationMemberRow> OrganisationMembers,
    IReadOnlyList<CoachInviteRow> CoachInvites,
    IReadOnlyList<CoachLinkRow> CoachLinks,
    IReadOnlyList<ProgramExerciseRow> ProgramExercises,
    IReadOnlyList<AuditEventRow> AuditEvents)
{
    /// <summary>
    /// The person-owned tables by their table names, for writers that make one file per table
    /// (JSON, CSV). A method, not a property, so serializing the export does not repeat them.
    /// </summary>
    public IReadOnlyList<ExportTable> Tables() =>
    [
        new(nameof(Profiles), Profiles),
        new(nameof(ProfileActivities), ProfileActivities),
        new(nameof(JudgedScreens), JudgedScreens),
        new(nameof(ScreenAnswers), ScreenAnswers),
        new(nameof(ReferralConfirmations), ReferralConfirmations),
        new(nameof(Programs), Programs),
        new(nameof(Routines), Routines),
        new(nameof(RoutineItems), RoutineItems),
        new(nameof(Sessions), Sessions),
        new(nameof(ExerciseLogs), ExerciseLogs),
        new(nameof(SessionStops), SessionStops),
        new(nameof(CheckIns), CheckIns),
        new(nameof(Consents), Consents),
        new(nameof(ReminderSchedules), ReminderSchedules),
        new(nameof(DueReminders), DueReminders),
        new(nameof(PushDevices), PushDevices),
        new(nameof(OrganisationMembers), OrganisationMembers),
        new(nameof(CoachInvites), CoachInvites),
        new(nameof(CoachLinks), CoachLinks),
        new(nameof(ProgramExercises), ProgramExercises),
        new(nameof(AuditEvents), AuditEvents),
    ];
}

/// <summary>One table of an export: its name (the database table's) and its rows, all of one record type.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<object> Rows);

/// <summary>
/// The account's basics. Not exported: the password hash, the security and concurrency stamps,
/// Identity's tokens (authenticator keys, recovery codes) and passkeys' key material, all of
/// which are secrets or bookkeeping rather than data about the person.
/// </summary>
public sealed record ExportedAccount(
    Guid Id,
    string? UserName,
    string? Email,
    bool EmailConfirmed,
    string? PhoneNumber,
    bool PhoneNumberConfirmed,
    bool TwoFactorEnabled,
    bool LockoutEnabled,
    DateTimeOffset? LockoutEnd,
    int AccessFailedCount,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Roles,
    IReadOnlyList<ExportedClaim> Claims,
    IReadOnlyList<ExportedLogin> Logins,
    IReadOnlyList<ExportedPasskey> Passkeys);

public sealed record ExportedClaim(string? Type, string? Value);

public sealed record ExportedLogin(string LoginProvider, string? ProviderDisplayName);

public sealed record ExportedPasskey(string? Name, DateTimeOffset CreatedAt, IReadOnlyList<string> Transports);

public sealed record ProfileRow(
    Guid Id,
    Guid PersonId,
    IReadOnlyList<string> TightAreas,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> DayActivities,
    int? SittingHoursPerDay,
    IReadOnlyList<string> Positions,
    IReadOnlyList<string> Equipment,
    int MinutesPerSession,
    int SessionsPerDay,
    TimeOnly? WorkHoursStart,
    TimeOnly? WorkHoursEnd,
    int BaselinePain,
    int? MorningStiffnessMinutes,
    string? TimeZoneId,
    string? RegionCode,
    DateTimeOffset UpdatedAt);

public sealed record ProfileActivityRow(Guid Id, Guid PersonId, string Name, int Score, DateTimeOffset RecordedAt);

public sealed record JudgedScreenRow(
    Guid Id,
    Guid PersonId,
    DateTimeOffset TakenAt,
    string Kind,
    int Age,
    bool FirstEpisode,
    string Disposition,
    string RulesVersion,
    string ReasonsJson);

public sealed record ScreenAnswerRow(Guid Id, Guid PersonId, Guid ScreenId, string ItemId, string Answer);

public sealed record ReferralConfirmationRow(
    Guid Id, Guid PersonId, Guid ScreenId, DateTimeOffset ConfirmedAt, string Kind, string? Note);

public sealed record ProgramRow(
    Guid Id, Guid PersonId, string Name, DateOnly StartedOn, string Status, Guid? CoachLinkId, string? CoachProgramName,
    string? ThresholdsJson, DateTimeOffset? CoachUpdatedAt);

public sealed record RoutineRow(Guid Id, Guid PersonId, Guid ProgramId, string Kind, int Stage);

public sealed record RoutineItemRow(
    Guid Id,
    Guid PersonId,
    Guid RoutineId,
    string ExerciseId,
    int Order,
    int? HoldSeconds,
    int? Reps,
    int Sets,
    bool PerSide,
    int? DurationSeconds,
    int? RestSeconds,
    string? VariantOf,
    int Level,
    DateOnly? ChangedOn,
    string? RuleId,
    string? Reason);

public sealed record SessionRow(
    Guid Id,
    Guid PersonId,
    Guid? RoutineId,
    DateOnly Date,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string ClientSessionId,
    int? PainBefore,
    int? WorstPain);

public sealed record ExerciseLogRow(
    Guid Id, Guid PersonId, Guid SessionId, string ExerciseId, bool Completed, int? WorstPain, string? Feedback);

public sealed record SessionStopRow(
    Guid Id, Guid PersonId, Guid SessionId, string? ExerciseId, string Symptom, int? PainScore, DateTimeOffset At, string RuleId, string Action,
    string Raises);

public sealed record CheckInRow(
    Guid Id,
    Guid PersonId,
    DateOnly Date,
    DateTimeOffset RecordedAt,
    int PainNow,
    int? Stiffness,
    int? MorningStiffnessMinutes,
    IReadOnlyList<string> WhereFelt,
    IReadOnlyList<string> WhatHelped,
    bool LegSymptoms,
    bool Numbness,
    bool BladderOrBowelChange,
    string? Note);

public sealed record ConsentRow(
    Guid Id, Guid PersonId, string Purpose, string Version, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt);

/// <summary>
/// Reminder settings, with the calendar feed's secret as stored: its SHA-256 and the copy encrypted with this
/// server's keys (neither opens the feed by itself).
/// </summary>
public sealed record ReminderScheduleRow(
    Guid Id,
    Guid PersonId,
    string TimeZoneId,
    IReadOnlyList<string> Daily,
    IReadOnlyList<string> Days,
    int? DeskBreakMinutes,
    IReadOnlyList<string> DeskBreakDays,
    TimeOnly? WorkFrom,
    TimeOnly? WorkTo,
    IReadOnlyList<string> QuietTimes,
    DateOnly? PausedOn,
    DateTimeOffset UpdatedAt,
    DateTimeOffset PlannedUntil,
    string? CalendarTokenHash,
    string? CalendarTokenProtected,
    DateTimeOffset? CalendarCreatedAt,
    DateTimeOffset? CalendarFetchedAt);

/// <summary>Each reminder planned or sent, and what became of it.</summary>
public sealed record DueReminderRow(
    Guid Id,
    Guid PersonId,
    string Kind,
    DateTimeOffset DueAt,
    DateOnly LocalDate,
    TimeOnly LocalTime,
    string State,
    DateTimeOffset AttemptAfter,
    int Attempts,
    Guid? ClaimToken,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset? DoneAt,
    IReadOnlyList<string> DeliveredTo,
    string? Outcome);

/// <summary>A browser with notifications on, with the public key and secret it gave for encrypting to it.</summary>
public sealed record PushDeviceRow(
    Guid Id,
    Guid PersonId,
    string Label,
    string Endpoint,
    string P256dh,
    string Auth,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastDeliveredAt,
    int Failures);

/// <summary>The person's place in a coaching organisation.</summary>
public sealed record OrganisationMemberRow(
    Guid Id, Guid PersonId, Guid OrganisationId, string OrganisationName, bool IsCoach, bool IsAdmin, string DisplayName, DateTimeOffset AddedAt);

/// <summary>An invitation the person made as a coach (its secret is not stored, only its hash).</summary>
public sealed record CoachInviteRow(
    Guid Id, Guid PersonId, Guid OrganisationId, string TokenHash, string? Label, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? WithdrawnAt);

/// <summary>A link with a coach (the person is the client) or with a client (the person is the coach).</summary>
public sealed record CoachLinkRow(
    Guid Id, Guid PersonId, Guid CoachId, Guid OrganisationId, Guid? InviteId, string? CoachName, string? Label, bool SharesProgress, bool SharesSessions,
    bool SharesScreens, bool SharesProgram, string ConsentVersion, DateTimeOffset StartedAt, DateTimeOffset? SharesChangedAt,
    DateTimeOffset? EndedAt, string? EndedBy);

/// <summary>An exercise of a coach's program for the person, with the coach's dose and note.</summary>
public sealed record ProgramExerciseRow(
    Guid Id, Guid PersonId, Guid ProgramId, int Order, string ExerciseId, int? HoldSeconds, int? Reps, int? Sets, int? DurationSeconds,
    int MaxLevelsUp, string? Note);

public sealed record AuditEventRow(
    Guid Id, Guid? PersonId, DateTimeOffset At, string Action, string ActorKind, string SubjectRef);
