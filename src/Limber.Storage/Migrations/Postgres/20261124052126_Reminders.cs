using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reminders");

            migrationBuilder.CreateTable(
                name: "DueReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    LocalTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    AttemptAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredTo = table.Column<List<string>>(type: "character varying(40)[]", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DueReminders", x => x.Id);
                    table.CheckConstraint("CK_DueReminders_Kind", "\"Kind\" IN ('Routine', 'CheckIn', 'DeskBreak')");
                    table.CheckConstraint("CK_DueReminders_State", "\"State\" IN ('Pending', 'Sending', 'Sent', 'NoDevice', 'Held', 'Missed', 'Failed')");
                    table.ForeignKey(
                        name: "FK_DueReminders_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PushDevices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    P256dh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Auth = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastDeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Failures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushDevices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PushDevices_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReminderSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Daily = table.Column<List<string>>(type: "character varying(40)[]", nullable: false),
                    Days = table.Column<List<string>>(type: "character varying(40)[]", nullable: false),
                    DeskBreakMinutes = table.Column<int>(type: "integer", nullable: true),
                    DeskBreakDays = table.Column<List<string>>(type: "character varying(40)[]", nullable: false),
                    WorkFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    WorkTo = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    QuietTimes = table.Column<List<string>>(type: "character varying(40)[]", nullable: false),
                    PausedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlannedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CalendarTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CalendarTokenProtected = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CalendarCreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CalendarFetchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderSchedules", x => x.Id);
                    table.CheckConstraint("CK_ReminderSchedules_DeskBreakMinutes", "\"DeskBreakMinutes\" BETWEEN 15 AND 240");
                    table.ForeignKey(
                        name: "FK_ReminderSchedules_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VapidKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrivateKeyProtected = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VapidKeys", x => x.Id);
                    table.CheckConstraint("CK_VapidKeys_Id", "\"Id\" = 1");
                });

            migrationBuilder.CreateIndex(
                name: "IX_DueReminders_PersonId_Kind_DueAt",
                table: "DueReminders",
                columns: new[] { "PersonId", "Kind", "DueAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DueReminders_State_AttemptAfter",
                table: "DueReminders",
                columns: new[] { "State", "AttemptAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_PushDevices_Endpoint",
                table: "PushDevices",
                column: "Endpoint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PushDevices_PersonId_CreatedAt",
                table: "PushDevices",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderSchedules_CalendarTokenHash",
                table: "ReminderSchedules",
                column: "CalendarTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderSchedules_PersonId",
                table: "ReminderSchedules",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderSchedules_PlannedUntil",
                table: "ReminderSchedules",
                column: "PlannedUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DueReminders");

            migrationBuilder.DropTable(
                name: "PushDevices");

            migrationBuilder.DropTable(
                name: "ReminderSchedules");

            migrationBuilder.DropTable(
                name: "VapidKeys");

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Days = table.Column<int[]>(type: "integer[]", nullable: false),
                    DeskBreakIntervalMinutes = table.Column<int>(type: "integer", nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    LocalTime = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuietFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    QuietTo = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_PersonId",
                table: "Reminders",
                column: "PersonId");
        }
    }
}
