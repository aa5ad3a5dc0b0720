using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tessera.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PublishWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "proposed_source",
                table: "proposals",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "schema_format",
                table: "proposals",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "contracts",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "proposed_source",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "schema_format",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "source",
                table: "contracts");
        }
    }
}
