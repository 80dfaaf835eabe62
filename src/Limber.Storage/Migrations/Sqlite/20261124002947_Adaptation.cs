using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Adaptation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CheckIns_PersonId_Date",
                table: "CheckIns");

            migrationBuilder.AddColumn<DateOnly>(
                name: "Date",
                table: "Sessions",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "PainBefore",
                table: "Sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorstPain",
                table: "Sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ChangedOn",
                table: "RoutineItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Level",
                table: "RoutineItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "RoutineItems",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleId",
                table: "RoutineItems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Every screen stored before this migration asked every question.
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "JudgedScreens",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Full");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "CheckIns",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_PersonId_Date",
                table: "Sessions",
                columns: new[] { "PersonId", "Date" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Sessions_PainBefore",
                table: "Sessions",
                sql: "\"PainBefore\" BETWEEN 0 AND 10");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Sessions_WorstPain",
                table: "Sessions",
                sql: "\"WorstPain\" BETWEEN 0 AND 10");

            migrationBuilder.AddCheckConstraint(
                name: "CK_RoutineItems_Level",
                table: "RoutineItems",
                sql: "\"Level\" BETWEEN -100 AND 100");

            migrationBuilder.AddCheckConstraint(
                name: "CK_JudgedScreens_Kind",
                table: "JudgedScreens",
                sql: "\"Kind\" IN ('Full', 'EmergencyRecheck')");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_PersonId_Date",
                table: "CheckIns",
                columns: new[] { "PersonId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Sessions_PersonId_Date",
                table: "Sessions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Sessions_PainBefore",
                table: "Sessions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Sessions_WorstPain",
                table: "Sessions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_RoutineItems_Level",
                table: "RoutineItems");

            migrationBuilder.DropCheckConstraint(
                name: "CK_JudgedScreens_Kind",
                table: "JudgedScreens");

            migrationBuilder.DropIndex(
                name: "IX_CheckIns_PersonId_Date",
                table: "CheckIns");

            migrationBuilder.DropColumn(
                name: "Date",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "PainBefore",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "WorstPain",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "ChangedOn",
                table: "RoutineItems");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "RoutineItems");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "RoutineItems");

            migrationBuilder.DropColumn(
                name: "RuleId",
                table: "RoutineItems");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "JudgedScreens");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "CheckIns");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_PersonId_Date",
                table: "CheckIns",
                columns: new[] { "PersonId", "Date" });
        }
    }
}
