using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuthenticatorTimeSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastTimeStep",
                table: "TfaMethods",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastTimeStep",
                table: "TfaMethods");
        }
    }
}
