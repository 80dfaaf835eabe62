using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_JudgedScreens_PersonId_Kind_TakenAt",
                table: "JudgedScreens",
                columns: new[] { "PersonId", "Kind", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JudgedScreens_PersonId_Referral",
                table: "JudgedScreens",
                column: "PersonId",
                filter: "\"Disposition\" = 'Urgent' OR \"Disposition\" = 'Emergency'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JudgedScreens_PersonId_Kind_TakenAt",
                table: "JudgedScreens");

            migrationBuilder.DropIndex(
                name: "IX_JudgedScreens_PersonId_Referral",
                table: "JudgedScreens");
        }
    }
}
