using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations
{
    /// <inheritdoc />
    public partial class RateCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TfaRateCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TfaRateCounters", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TfaRateCounters_ExpiresAt",
                table: "TfaRateCounters",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TfaRateCounters");
        }
    }
}
