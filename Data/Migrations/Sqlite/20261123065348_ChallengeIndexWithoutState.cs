using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChallengeIndexWithoutState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TfaChallenges_UserId_Purpose_State",
                table: "TfaChallenges");

            migrationBuilder.CreateIndex(
                name: "IX_TfaChallenges_UserId_Purpose",
                table: "TfaChallenges",
                columns: new[] { "UserId", "Purpose" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TfaChallenges_UserId_Purpose",
                table: "TfaChallenges");

            migrationBuilder.CreateIndex(
                name: "IX_TfaChallenges_UserId_Purpose_State",
                table: "TfaChallenges",
                columns: new[] { "UserId", "Purpose", "State" });
        }
    }
}
