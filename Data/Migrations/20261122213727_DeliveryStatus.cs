using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeliveryStatus",
                table: "TfaChallenges",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderMessageId",
                table: "TfaChallenges",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TfaChallenges_ProviderMessageId",
                table: "TfaChallenges",
                column: "ProviderMessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TfaChallenges_ProviderMessageId",
                table: "TfaChallenges");

            migrationBuilder.DropColumn(
                name: "DeliveryStatus",
                table: "TfaChallenges");

            migrationBuilder.DropColumn(
                name: "ProviderMessageId",
                table: "TfaChallenges");
        }
    }
}
