using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionStops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SessionStops",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExerciseId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Symptom = table.Column<string>(type: "TEXT", maxLength: 29, nullable: false),
                    PainScore = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 31, nullable: false),
                    Raises = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionStops", x => x.Id);
                    table.CheckConstraint("CK_SessionStops_Action", "\"Action\" IN ('Continue', 'ContinueAskAtCheckIn', 'StopSetRegressNextSession', 'StopExerciseOfferEasierOrSkip', 'StopSessionRegressNextTime', 'StopSessionAndRunEmergencyItems')");
                    table.CheckConstraint("CK_SessionStops_PainScore", "\"PainScore\" BETWEEN 0 AND 10");
                    table.CheckConstraint("CK_SessionStops_Raises", "\"Raises\" IN ('None', 'Routine', 'Urgent', 'Emergency')");
                    table.CheckConstraint("CK_SessionStops_Symptom", "\"Symptom\" IN ('EmergencySymptom', 'ChestPainFaintingOrBreathless', 'SharpPain', 'SpreadingPainOneLeg', 'SpreadingPainBothLegs', 'NumbnessOneLeg', 'NumbnessBothLegsOrSaddle', 'PainDuringExercise')");
                    table.ForeignKey(
                        name: "FK_SessionStops_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SessionStops_Sessions_SessionId_PersonId",
                        columns: x => new { x.SessionId, x.PersonId },
                        principalTable: "Sessions",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionStops_PersonId_At",
                table: "SessionStops",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionStops_SessionId_PersonId",
                table: "SessionStops",
                columns: new[] { "SessionId", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionStops");
        }
    }
}
