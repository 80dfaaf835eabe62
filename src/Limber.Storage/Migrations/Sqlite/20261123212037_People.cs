using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SubjectRef = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                    table.CheckConstraint("CK_AuditEvents_ActorKind", "\"ActorKind\" IN ('Person', 'Coach', 'Operator', 'System')");
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PainNow = table.Column<int>(type: "INTEGER", nullable: false),
                    Stiffness = table.Column<int>(type: "INTEGER", nullable: true),
                    MorningStiffnessMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    WhereFelt = table.Column<string>(type: "TEXT", nullable: false),
                    WhatHelped = table.Column<string>(type: "TEXT", nullable: false),
                    LegSymptoms = table.Column<bool>(type: "INTEGER", nullable: false),
                    Numbness = table.Column<bool>(type: "INTEGER", nullable: false),
                    BladderOrBowelChange = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                    table.CheckConstraint("CK_CheckIns_MorningStiffnessMinutes", "\"MorningStiffnessMinutes\" BETWEEN 0 AND 1440");
                    table.CheckConstraint("CK_CheckIns_PainNow", "\"PainNow\" BETWEEN 0 AND 10");
                    table.CheckConstraint("CK_CheckIns_Stiffness", "\"Stiffness\" BETWEEN 0 AND 10");
                    table.ForeignKey(
                        name: "FK_CheckIns_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consents_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudgedScreens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Age = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstEpisode = table.Column<bool>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    RulesVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgedScreens", x => x.Id);
                    table.UniqueConstraint("AK_JudgedScreens_Id_PersonId", x => new { x.Id, x.PersonId });
                    table.CheckConstraint("CK_JudgedScreens_Age", "\"Age\" BETWEEN 0 AND 130");
                    table.CheckConstraint("CK_JudgedScreens_Disposition", "\"Disposition\" IN ('None', 'Routine', 'Urgent', 'Emergency')");
                    table.ForeignKey(
                        name: "FK_JudgedScreens_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProfileActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfileActivities", x => x.Id);
                    table.CheckConstraint("CK_ProfileActivities_Score", "\"Score\" BETWEEN 0 AND 10");
                    table.ForeignKey(
                        name: "FK_ProfileActivities_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TightAreas = table.Column<string>(type: "TEXT", nullable: false),
                    Triggers = table.Column<string>(type: "TEXT", nullable: false),
                    DayActivities = table.Column<string>(type: "TEXT", nullable: false),
                    SittingHoursPerDay = table.Column<int>(type: "INTEGER", nullable: true),
                    Positions = table.Column<string>(type: "TEXT", nullable: false),
                    Equipment = table.Column<string>(type: "TEXT", nullable: false),
                    MinutesPerSession = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkHoursStart = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    WorkHoursEnd = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    BaselinePain = table.Column<int>(type: "INTEGER", nullable: false),
                    MorningStiffnessMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Profiles", x => x.Id);
                    table.CheckConstraint("CK_Profiles_BaselinePain", "\"BaselinePain\" BETWEEN 0 AND 10");
                    table.CheckConstraint("CK_Profiles_MinutesPerSession", "\"MinutesPerSession\" BETWEEN 1 AND 240");
                    table.CheckConstraint("CK_Profiles_MorningStiffnessMinutes", "\"MorningStiffnessMinutes\" BETWEEN 0 AND 1440");
                    table.CheckConstraint("CK_Profiles_SessionsPerDay", "\"SessionsPerDay\" BETWEEN 1 AND 24");
                    table.CheckConstraint("CK_Profiles_SittingHoursPerDay", "\"SittingHoursPerDay\" BETWEEN 0 AND 24");
                    table.ForeignKey(
                        name: "FK_Profiles_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Programs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programs", x => x.Id);
                    table.UniqueConstraint("AK_Programs_Id_PersonId", x => new { x.Id, x.PersonId });
                    table.CheckConstraint("CK_Programs_Status", "\"Status\" IN ('Active', 'Paused', 'Completed', 'Stopped')");
                    table.ForeignKey(
                        name: "FK_Programs_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    LocalTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Days = table.Column<string>(type: "TEXT", nullable: false),
                    DeskBreakIntervalMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    QuietFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietTo = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
                    table.CheckConstraint("CK_Reminders_DeskBreakIntervalMinutes", "\"DeskBreakIntervalMinutes\" BETWEEN 5 AND 480");
                    table.CheckConstraint("CK_Reminders_Kind", "\"Kind\" IN ('Routine', 'DeskBreak', 'CheckIn')");
                    table.ForeignKey(
                        name: "FK_Reminders_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReferralConfirmations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScreenId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 17, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralConfirmations", x => x.Id);
                    table.CheckConstraint("CK_ReferralConfirmations_Kind", "\"Kind\" IN ('Seen', 'ClearedToExercise')");
                    table.ForeignKey(
                        name: "FK_ReferralConfirmations_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReferralConfirmations_JudgedScreens_ScreenId_PersonId",
                        columns: x => new { x.ScreenId, x.PersonId },
                        principalTable: "JudgedScreens",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScreenAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScreenId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreenAnswers", x => x.Id);
                    table.CheckConstraint("CK_ScreenAnswers_Answer", "\"Answer\" IN ('No', 'Yes', 'Unsure')");
                    table.ForeignKey(
                        name: "FK_ScreenAnswers_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScreenAnswers_JudgedScreens_ScreenId_PersonId",
                        columns: x => new { x.ScreenId, x.PersonId },
                        principalTable: "JudgedScreens",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Routines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Routines", x => x.Id);
                    table.UniqueConstraint("AK_Routines_Id_PersonId", x => new { x.Id, x.PersonId });
                    table.CheckConstraint("CK_Routines_Kind", "\"Kind\" IN ('Daily', 'DeskBreak')");
                    table.CheckConstraint("CK_Routines_Stage", "\"Stage\" BETWEEN 1 AND 100");
                    table.ForeignKey(
                        name: "FK_Routines_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Routines_Programs_ProgramId_PersonId",
                        columns: x => new { x.ProgramId, x.PersonId },
                        principalTable: "Programs",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoutineItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoutineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExerciseId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Reps = table.Column<int>(type: "INTEGER", nullable: true),
                    Sets = table.Column<int>(type: "INTEGER", nullable: false),
                    PerSide = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    RestSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    VariantOf = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutineItems", x => x.Id);
                    table.CheckConstraint("CK_RoutineItems_DurationSeconds", "\"DurationSeconds\" BETWEEN 0 AND 3600");
                    table.CheckConstraint("CK_RoutineItems_HoldSeconds", "\"HoldSeconds\" BETWEEN 0 AND 3600");
                    table.CheckConstraint("CK_RoutineItems_Order", "\"Order\" BETWEEN 0 AND 1000");
                    table.CheckConstraint("CK_RoutineItems_Reps", "\"Reps\" BETWEEN 0 AND 1000");
                    table.CheckConstraint("CK_RoutineItems_RestSeconds", "\"RestSeconds\" BETWEEN 0 AND 3600");
                    table.CheckConstraint("CK_RoutineItems_Sets", "\"Sets\" BETWEEN 1 AND 100");
                    table.ForeignKey(
                        name: "FK_RoutineItems_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoutineItems_Routines_RoutineId_PersonId",
                        columns: x => new { x.RoutineId, x.PersonId },
                        principalTable: "Routines",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoutineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClientSessionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.Id);
                    table.UniqueConstraint("AK_Sessions_Id_PersonId", x => new { x.Id, x.PersonId });
                    table.ForeignKey(
                        name: "FK_Sessions_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Sessions_Routines_RoutineId",
                        column: x => x.RoutineId,
                        principalTable: "Routines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ExerciseLogs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExerciseId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    WorstPain = table.Column<int>(type: "INTEGER", nullable: true),
                    Feedback = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExerciseLogs", x => x.Id);
                    table.CheckConstraint("CK_ExerciseLogs_WorstPain", "\"WorstPain\" BETWEEN 0 AND 10");
                    table.ForeignKey(
                        name: "FK_ExerciseLogs_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExerciseLogs_Sessions_SessionId_PersonId",
                        columns: x => new { x.SessionId, x.PersonId },
                        principalTable: "Sessions",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_At",
                table: "AuditEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_PersonId_At",
                table: "AuditEvents",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_PersonId_Date",
                table: "CheckIns",
                columns: new[] { "PersonId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_PersonId_Purpose_GivenAt",
                table: "Consents",
                columns: new[] { "PersonId", "Purpose", "GivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ExerciseLogs_PersonId_ExerciseId",
                table: "ExerciseLogs",
                columns: new[] { "PersonId", "ExerciseId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExerciseLogs_SessionId_PersonId",
                table: "ExerciseLogs",
                columns: new[] { "SessionId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_JudgedScreens_PersonId_TakenAt",
                table: "JudgedScreens",
                columns: new[] { "PersonId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProfileActivities_PersonId_RecordedAt",
                table: "ProfileActivities",
                columns: new[] { "PersonId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_PersonId",
                table: "Profiles",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Programs_PersonId_StartedOn",
                table: "Programs",
                columns: new[] { "PersonId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralConfirmations_PersonId_ConfirmedAt",
                table: "ReferralConfirmations",
                columns: new[] { "PersonId", "ConfirmedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralConfirmations_ScreenId_PersonId",
                table: "ReferralConfirmations",
                columns: new[] { "ScreenId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_PersonId",
                table: "Reminders",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RoutineItems_PersonId",
                table: "RoutineItems",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RoutineItems_RoutineId_Order",
                table: "RoutineItems",
                columns: new[] { "RoutineId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoutineItems_RoutineId_PersonId",
                table: "RoutineItems",
                columns: new[] { "RoutineId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Routines_PersonId",
                table: "Routines",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Routines_ProgramId_PersonId",
                table: "Routines",
                columns: new[] { "ProgramId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreenAnswers_PersonId",
                table: "ScreenAnswers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreenAnswers_ScreenId_ItemId",
                table: "ScreenAnswers",
                columns: new[] { "ScreenId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreenAnswers_ScreenId_PersonId",
                table: "ScreenAnswers",
                columns: new[] { "ScreenId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_PersonId_ClientSessionId",
                table: "Sessions",
                columns: new[] { "PersonId", "ClientSessionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_PersonId_StartedAt",
                table: "Sessions",
                columns: new[] { "PersonId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_RoutineId",
                table: "Sessions",
                column: "RoutineId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "CheckIns");

            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "ExerciseLogs");

            migrationBuilder.DropTable(
                name: "ProfileActivities");

            migrationBuilder.DropTable(
                name: "Profiles");

            migrationBuilder.DropTable(
                name: "ReferralConfirmations");

            migrationBuilder.DropTable(
                name: "Reminders");

            migrationBuilder.DropTable(
                name: "RoutineItems");

            migrationBuilder.DropTable(
                name: "ScreenAnswers");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Sessions");

            migrationBuilder.DropTable(
                name: "JudgedScreens");

            migrationBuilder.DropTable(
                name: "Routines");

            migrationBuilder.DropTable(
                name: "Programs");

            migrationBuilder.DropTable(
                name: "AspNetUsers");
        }
    }
}
