using System.Security.Cryptography;
using Limber.Domain.Safety;
using Microsoft.AspNetCore.Identity;

namespace Limber.Storage.Tests;

/// <summary>A person added by <see cref="Samples.AddPerson"/>, with what identifies them.</summary>
public sealed record SamplePerson(Guid Id, string Email, string UserName, string PasswordHash)
{
    /// <summary>What must not survive their deletion anywhere, besides the id itself.</summary>
    public IReadOnlyList<string> Identifying => [Email, UserName];
}

/// <summary>
/// People with at least one row in every table that can hold a person's data. The e-mail also
/// appears in free text (a claim, a note), as people type it there, so a deletion that missed a
/// table would leave something to find.
/// </summary>
internal static class Samples
{
    // Whole microseconds: the precision both providers keep (StoredTime).
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 30, 15, 123, 456, TimeSpan.Zero);

    /// <summary>Adds a full person to the context; the caller saves.</summary>
    public static SamplePerson AddPerson(LimberDbContext db, string label)
    {
        var id = Guid.NewGuid();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var email = $"{label}.{tag}@example.test";
        var userName = $"{label}_{tag}";
        var passwordHash = $"AQAAAAIAAYagAAAAE{tag}";
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = $"Practice {tag}", CreatedAt = Now };
        db.Organisations.Add(organisation);
        var linkId = Guid.NewGuid();
        var inviteId = Guid.NewGuid();
        var role = new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = $"client-{tag}", NormalizedName = $"CLIENT-{tag}".ToUpperInvariant() };
        var screen = new JudgedScreen
        {
            Id = Guid.NewGuid(),
            PersonId = id,
            TakenAt = Now,
            Age = 52,
            FirstEpisode = false,
            Disposition = Disposition.Urgent,
            RulesVersion = "2026.1",
            ReasonsJson = """[{"id":"cancer_history","answer":"yes","disposition":"urgent"}]""",
            Answers =
            [
                new ScreenAnswer { Id = Guid.NewGuid(), PersonId = id, ItemId = "cancer_history", Answer = Answer.Yes },
                new ScreenAnswer { Id = Guid.NewGuid(), PersonId = id, ItemId = "saddle_numbness", Answer = Answer.No },
                new ScreenAnswer { Id = Guid.NewGuid(), PersonId = id, ItemId = "weight_loss", Answer = Answer.Unsure },
            ],
        };
        var daily = new Routine
        {
            Id = Guid.NewGuid(),
            PersonId = id,
            Kind = RoutineKind.Daily,
            Stage = 1,
            Items =
            [
                new RoutineItem { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "knee-to-chest", Order = 0, HoldSeconds = 30, Sets = 2, PerSide = true, RestSeconds = 15, Level = 1, ChangedOn = new DateOnly(2026, 3, 4), RuleId = "progress.two_easy_sessions", Reason = $"reason {tag}" },
                new RoutineItem { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "bridge", Order = 1, Reps = 10, Sets = 2 },
            ],
        };

        db.AddRange(
            new Person
            {
                Id = id,
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = passwordHash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                PhoneNumber = "+44 20 7946 0000",
                LockoutEnabled = true,
                LockoutEnd = Now.AddDays(-1),
                CreatedAt = Now.AddDays(-2),
            },
            role,
            new IdentityRoleClaim<Guid> { RoleId = role.Id, ClaimType = "permission", ClaimValue = "programs.read" },
            new IdentityUserRole<Guid> { UserId = id, RoleId = role.Id },
            new IdentityUserClaim<Guid> { UserId = id, ClaimType = "contact", ClaimValue = email },
            new IdentityUserLogin<Guid> { UserId = id, LoginProvider = "Example", ProviderKey = $"example-{tag}", ProviderDisplayName = "Example sign-in" },
            new IdentityUserToken<Guid> { UserId = id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = $"secret-{tag}" },
            new IdentityUserPasskey<Guid>
            {
                UserId = id,
                CredentialId = RandomNumberGenerator.GetBytes(32),
                Data = new IdentityPasskeyData
                {
                    PublicKey = RandomNumberGenerator.GetBytes(64),
                    Name = $"{userName}'s phone",
                    CreatedAt = Now.AddDays(-2),
                    SignCount = 3,
                    Transports = ["internal", "hybrid"],
                    IsUserVerified = true,
                    IsBackupEligible = true,
                    IsBackedUp = false,
                    AttestationObject = RandomNumberGenerator.GetBytes(16),
                    ClientDataJson = RandomNumberGenerator.GetBytes(16),
                },
            },
            new Profile
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                TightAreas = ["lowerBack", "hipFlexors"],
                Triggers = ["afterSitting", "onWaking"],
                DayActivities = ["sitting"],
                SittingHoursPerDay = 8,
                Positions = ["floor", "chair", "standing"],
                Equipment = ["towel", "chair"],
                MinutesPerSession = 10,
                SessionsPerDay = 2,
                WorkHoursStart = new TimeOnly(9, 0),
                WorkHoursEnd = new TimeOnly(17, 30),
                BaselinePain = 4,
                MorningStiffnessMinutes = 20,
                TimeZoneId = "Europe/London",
                RegionCode = "GB",
                UpdatedAt = Now,
            },
            new ProfileActivity { Id = Guid.NewGuid(), PersonId = id, Name = "Putting on socks", Score = 6, RecordedAt = Now },
            screen,
            new ReferralConfirmation
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                ScreenId = screen.Id,
                ConfirmedAt = Now.AddDays(1),
                Kind = ReferralConfirmationKind.Seen,
                Note = $"My GP wrote to {email}",
            },
            new Program
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                Name = "Six weeks of hips",
                StartedOn = new DateOnly(2026, 3, 2),
                Status = ProgramStatus.Active,
                CoachLinkId = linkId,
                CoachProgramName = $"Desk worker for {email}",
                ThresholdsJson = "{\"regressWorstPainAbove\":4}",
                CoachUpdatedAt = Now.AddMinutes(-1),
                Prescribed =
                [
                    new ProgramExercise { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "cat-cow", Order = 0, Reps = 8, MaxLevelsUp = 2, Note = $"Slowly, {email}" },
                    new ProgramExercise { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "glute-bridge", Order = 1, Reps = 10, Sets = 2, HoldSeconds = 3, MaxLevelsUp = 1 },
                ],
                Routines =
                [
                    daily,
                    new Routine
                    {
                        Id = Guid.NewGuid(),
                        PersonId = id,
                        Kind = RoutineKind.DeskBreak,
                        Stage = 1,
                        Items = [new RoutineItem { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "seated-marching", Order = 0, DurationSeconds = 30, Sets = 3, VariantOf = "high-knees" }],
                    },
                ],
            },
            new Session
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                RoutineId = daily.Id,
                Date = new DateOnly(2026, 3, 2),
                PainBefore = 2,
                WorstPain = 3,
                StartedAt = Now.AddHours(2),
                FinishedAt = Now.AddHours(2).AddMinutes(11),
                ClientSessionId = $"client-{tag}",
                Exercises =
                [
                    new ExerciseLog { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "knee-to-chest", Completed = true, WorstPain = 2, Feedback = "aboutRight" },
                    new ExerciseLog { Id = Guid.NewGuid(), PersonId = id, ExerciseId = "bridge", Completed = false },
                ],
                Stops =
                [
                    new SessionStop
                    {
                        Id = Guid.NewGuid(), PersonId = id, ExerciseId = "bridge", Symptom = SessionSymptom.PainDuringExercise, PainScore = 7,
                        At = Now.AddMinutes(5), RuleId = StopRules.PainAbove5Rule, Action = StopAction.StopSetRegressNextSession, Raises = Disposition.None,
                    },
                ],
            },
            new CheckIn
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                Date = new DateOnly(2026, 3, 3),
                RecordedAt = Now.AddDays(1),
                PainNow = 3,
                Stiffness = 4,
                MorningStiffnessMinutes = 15,
                WhereFelt = ["lowerBack"],
                WhatHelped = ["heat", "walk"],
                LegSymptoms = false,
                Numbness = true,
                BladderOrBowelChange = false,
                Note = $"note {tag}",
            },
            new Consent { Id = Guid.NewGuid(), PersonId = id, Purpose = Consent.HealthData, Version = "1", GivenAt = Now.AddMinutes(-5) },
            new ReminderSchedule
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                TimeZoneId = "Europe/London",
                Daily = ["07:30 Routine", "20:00 CheckIn"],
                Days = ["Monday", "Friday"],
                DeskBreakMinutes = 45,
                DeskBreakDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                WorkFrom = new TimeOnly(9, 0),
                WorkTo = new TimeOnly(17, 0),
                QuietTimes = ["12:00-13:00"],
                UpdatedAt = Now.AddMinutes(-5),
                PlannedUntil = Now.AddDays(2),
                CalendarTokenHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(id.ToByteArray())),
                CalendarTokenProtected = $"protected-{tag}",
                CalendarCreatedAt = Now.AddMinutes(-4),
            },
            new DueReminder
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                Kind = Limber.Domain.Reminders.ReminderKind.DeskBreak,
                DueAt = Now.AddMinutes(-3),
                LocalDate = DateOnly.FromDateTime(Now.UtcDateTime),
                LocalTime = new TimeOnly(9, 45),
                State = DueState.Sent,
                AttemptAfter = Now.AddMinutes(-3),
                Attempts = 1,
                DoneAt = Now.AddMinutes(-2),
                DeliveredTo = ["device-1"],
                Outcome = "Sent to 1 device.",
            },
            new PushDevice
            {
                Id = Guid.NewGuid(),
                PersonId = id,
                Endpoint = $"https://push.example/{tag}",
                P256dh = "BNc1-p256dh",
                Auth = "auth-secret",
                Label = $"Phone {tag}",
                CreatedAt = Now.AddMinutes(-6),
            },
            new OrganisationMember
            {
                Id = Guid.NewGuid(), PersonId = id, OrganisationId = organisation.Id, IsCoach = true, IsAdmin = true, DisplayName = $"Coach {email}", AddedAt = Now,
            },
            new CoachInvite
            {
                Id = inviteId, PersonId = id, OrganisationId = organisation.Id, TokenHash = Convert.ToHexStringLower(SHA256.HashData(Guid.NewGuid().ToByteArray())),
                Label = $"Invite for {email}", CreatedAt = Now, ExpiresAt = Now.AddDays(14), AcceptedAt = Now.AddMinutes(1),
            },
            // A coach of themselves: the link is the person's both as client and as coach, so both of its owner columns are covered.
            new CoachLink
            {
                Id = linkId, PersonId = id, CoachId = id, OrganisationId = organisation.Id, InviteId = inviteId, CoachName = $"Coach {email}", Label = $"Client {email}",
                SharesProgress = true, SharesSessions = true, SharesScreens = false, SharesProgram = true, ConsentVersion = "2026-11",
                StartedAt = Now.AddMinutes(1), SharesChangedAt = Now.AddMinutes(2),
            },
            new AuditEvent { Id = Guid.NewGuid(), PersonId = id, At = Now.AddMinutes(-5), Action = "consent.given", ActorKind = AuditActorKind.Person, SubjectRef = $"consent:{tag}" });

        return new SamplePerson(id, email, userName, passwordHash);
    }

    /// <summary>Adds and saves a full person.</summary>
    public static async Task<SamplePerson> SavePersonAsync(LimberDbContext db, string label)
    {
        var person = AddPerson(db, label);
        await db.SaveChangesAsync();
        return person;
    }
}
