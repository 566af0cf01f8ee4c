using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityTfa.Shop.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "TfaAuditEvents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10,
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastTimeStep",
                table: "TfaMethods");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "TfaAuditEvents",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldNullable: true);
        }
    }
}
