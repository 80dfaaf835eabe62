using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Coaching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CoachLinkId",
                table: "Programs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoachProgramName",
                table: "Programs",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CoachUpdatedAt",
                table: "Programs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThresholdsJson",
                table: "Programs",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgramExercises",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    ExerciseId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    HoldSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Reps = table.Column<int>(type: "INTEGER", nullable: true),
                    Sets = table.Column<int>(type: "INTEGER", nullable: true),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxLevelsUp = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramExercises", x => x.Id);
                    table.CheckConstraint("CK_ProgramExercises_DurationSeconds", "\"DurationSeconds\" BETWEEN 1 AND 3600");
                    table.CheckConstraint("CK_ProgramExercises_HoldSeconds", "\"HoldSeconds\" BETWEEN 1 AND 600");
                    table.CheckConstraint("CK_ProgramExercises_MaxLevelsUp", "\"MaxLevelsUp\" BETWEEN 0 AND 10");
                    table.CheckConstraint("CK_ProgramExercises_Order", "\"Order\" BETWEEN 0 AND 1000");
                    table.CheckConstraint("CK_ProgramExercises_Reps", "\"Reps\" BETWEEN 1 AND 100");
                    table.CheckConstraint("CK_ProgramExercises_Sets", "\"Sets\" BETWEEN 1 AND 20");
                    table.ForeignKey(
                        name: "FK_ProgramExercises_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgramExercises_Programs_ProgramId_PersonId",
                        columns: x => new { x.ProgramId, x.PersonId },
                        principalTable: "Programs",
                        principalColumns: new[] { "Id", "PersonId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachInvites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachInvites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachInvites_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoachInvites_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CoachId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InviteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CoachName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    SharesProgress = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharesSessions = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharesScreens = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharesProgram = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SharesChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachLinks_AspNetUsers_CoachId",
                        column: x => x.CoachId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoachLinks_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoachLinks_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsCoach = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsAdmin = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationMembers_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoachInvites_OrganisationId",
                table: "CoachInvites",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachInvites_PersonId_CreatedAt",
                table: "CoachInvites",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachInvites_TokenHash",
                table: "CoachInvites",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoachLinks_CoachId_EndedAt",
                table: "CoachLinks",
                columns: new[] { "CoachId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachLinks_OrganisationId",
                table: "CoachLinks",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachLinks_PersonId_StartedAt",
                table: "CoachLinks",
                columns: new[] { "PersonId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_OrganisationId_PersonId",
                table: "OrganisationMembers",
                columns: new[] { "OrganisationId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_PersonId",
                table: "OrganisationMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name",
                table: "Organisations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgramExercises_PersonId",
                table: "ProgramExercises",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramExercises_ProgramId_Order",
                table: "ProgramExercises",
                columns: new[] { "ProgramId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgramExercises_ProgramId_PersonId",
                table: "ProgramExercises",
                columns: new[] { "ProgramId", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoachInvites");

            migrationBuilder.DropTable(
                name: "CoachLinks");

            migrationBuilder.DropTable(
                name: "OrganisationMembers");

            migrationBuilder.DropTable(
                name: "ProgramExercises");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropColumn(
                name: "CoachLinkId",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "CoachProgramName",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "CoachUpdatedAt",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "ThresholdsJson",
                table: "Programs");
        }
    }
}
