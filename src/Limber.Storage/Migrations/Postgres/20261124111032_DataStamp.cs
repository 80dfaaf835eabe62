using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DataStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DataStamp",
                table: "AspNetUsers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DataStamp",
                table: "AspNetUsers");
        }
    }
}
