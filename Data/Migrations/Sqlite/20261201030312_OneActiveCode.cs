using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneActiveCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Before the index: of several waiting codes of one user and purpose (left by parallel sends), only the
            // newest keeps waiting; the others end as superseded, at the time the newest was made. The newest is never
            // changed, so each row's subqueries find it whatever order the rows are updated in.
            migrationBuilder.Sql("""
                UPDATE "TfaChallenges" SET "State" = 2, "EndedAt" = (
                    SELECT MAX(n."CreatedAt") FROM "TfaChallenges" n
                    WHERE n."UserId" = "TfaChallenges"."UserId" AND n."Purpose" = "TfaChallenges"."Purpose" AND n."State" = 0
                      AND (n."CreatedAt" > "TfaChallenges"."CreatedAt" OR (n."CreatedAt" = "TfaChallenges"."CreatedAt" AND n."Id" > "TfaChallenges"."Id")))
                WHERE "State" = 0 AND EXISTS (
                    SELECT 1 FROM "TfaChallenges" n
                    WHERE n."UserId" = "TfaChallenges"."UserId" AND n."Purpose" = "TfaChallenges"."Purpose" AND n."State" = 0
                      AND (n."CreatedAt" > "TfaChallenges"."CreatedAt" OR (n."CreatedAt" = "TfaChallenges"."CreatedAt" AND n."Id" > "TfaChallenges"."Id")))
                """);

            migrationBuilder.CreateIndex(
                name: "IX_TfaChallenges_OneActiveCode",
                table: "TfaChallenges",
                columns: new[] { "UserId", "Purpose" },
                unique: true,
                filter: "\"State\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TfaChallenges_OneActiveCode",
                table: "TfaChallenges");
        }
    }
}
