using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tessera.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportedProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "source_document_id",
                table: "proposals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_selector",
                table: "proposals",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_source_document_id",
                table: "proposals",
                column: "source_document_id");

            migrationBuilder.AddForeignKey(
                name: "FK_proposals_source_documents_source_document_id",
                table: "proposals",
                column: "source_document_id",
                principalTable: "source_documents",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_proposals_source_documents_source_document_id",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "IX_proposals_source_document_id",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "source_document_id",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "source_selector",
                table: "proposals");
        }
    }
}
