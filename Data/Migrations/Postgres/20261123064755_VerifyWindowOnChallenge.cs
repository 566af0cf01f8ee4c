using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VerifyWindowOnChallenge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "VerifyWindow",
                table: "TfaChallenges",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "VerifyWindowAttempts",
                table: "TfaChallenges",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerifyWindow",
                table: "TfaChallenges");

            migrationBuilder.DropColumn(
                name: "VerifyWindowAttempts",
                table: "TfaChallenges");
        }
    }
}
