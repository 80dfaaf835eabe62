using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Limber.Storage.Migrations.Postgres
{
    /// <summary>
    /// Every write of a person's security stamp or data stamp, and every deletion of a person, notifies the channel
    /// <c>limber_stamps</c> with the person's id, delivered when the writing transaction commits: each node forgets
    /// the stamps it keeps of that person (<see cref="KeptStamps"/>). A trigger rather than the app's own notice, so
    /// that no way of writing the row is missed.
    /// </summary>
    public partial class StampNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION limber_stamp_notice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('limber_stamps', OLD."Id"::text);
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER limber_stamp_notice
                AFTER UPDATE OF "SecurityStamp", "DataStamp" OR DELETE ON "AspNetUsers"
                FOR EACH ROW EXECUTE FUNCTION limber_stamp_notice();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER limber_stamp_notice ON "AspNetUsers";""");
            migrationBuilder.Sql("DROP FUNCTION limber_stamp_notice();");
        }
    }
}
