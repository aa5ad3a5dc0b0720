using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tessera.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Ingestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "source_document_id",
                table: "contracts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_selector",
                table: "contracts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "repos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    git_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    default_branch = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    spec_paths = table.Column<string>(type: "text", nullable: false),
                    owner_team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sync_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    codeowners_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    git_token = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ssh_key = table.Column<string>(type: "text", nullable: true),
                    poll_interval_seconds = table.Column<int>(type: "integer", nullable: false),
                    last_synced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_synced_commit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    last_sync_error = table.Column<string>(type: "text", nullable: true),
                    sync_lease_owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sync_lease_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repos", x => x.id);
                    table.ForeignKey(
                        name: "FK_repos_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    root_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    otel_service_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_services", x => x.id);
                    table.ForeignKey(
                        name: "FK_services_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sync_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repo_id = table.Column<Guid>(type: "uuid", nullable: false),
                    success = table.Column<bool>(type: "boolean", nullable: false),
                    commit_sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    specs_found = table.Column<int>(type: "integer", nullable: false),
                    contracts_published = table.Column<int>(type: "integer", nullable: false),
                    proposals_created = table.Column<int>(type: "integer", nullable: false),
                    services_created = table.Column<int>(type: "integer", nullable: false),
                    assets_created = table.Column<int>(type: "integer", nullable: false),
                    assets_updated = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<string>(type: "text", nullable: false),
                    warnings = table.Column<string>(type: "text", nullable: false),
                    duration_seconds = table.Column<double>(type: "double precision", nullable: true),
                    triggered_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_sync_events_repos_repo_id",
                        column: x => x.repo_id,
                        principalTable: "repos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contracts_source_document_id",
                table: "contracts",
                column: "source_document_id");

            migrationBuilder.CreateIndex(
                name: "IX_assets_service_id",
                table: "assets",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "IX_repos_owner_team_id",
                table: "repos",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_repos_sync_enabled_last_synced_at",
                table: "repos",
                columns: new[] { "sync_enabled", "last_synced_at" });

            migrationBuilder.CreateIndex(
                name: "ux_repos_git_url_active",
                table: "repos",
                column: "git_url",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_repos_name_active",
                table: "repos",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_services_otel_service_name",
                table: "services",
                column: "otel_service_name");

            migrationBuilder.CreateIndex(
                name: "IX_services_repo_id",
                table: "services",
                column: "repo_id");

            migrationBuilder.CreateIndex(
                name: "ux_services_name_repo_active",
                table: "services",
                columns: new[] { "name", "repo_id" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_source_documents_sha256",
                table: "source_documents",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sync_events_repo_id_created_at",
                table: "sync_events",
                columns: new[] { "repo_id", "created_at" });

            migrationBuilder.AddForeignKey(
                name: "FK_assets_services_service_id",
                table: "assets",
                column: "service_id",
                principalTable: "services",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_contracts_source_documents_source_document_id",
                table: "contracts",
                column: "source_document_id",
                principalTable: "source_documents",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_assets_services_service_id",
                table: "assets");

            migrationBuilder.DropForeignKey(
                name: "FK_contracts_source_documents_source_document_id",
                table: "contracts");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "source_documents");

            migrationBuilder.DropTable(
                name: "sync_events");

            migrationBuilder.DropTable(
                name: "repos");

            migrationBuilder.DropIndex(
                name: "IX_contracts_source_document_id",
                table: "contracts");

            migrationBuilder.DropIndex(
                name: "IX_assets_service_id",
                table: "assets");

            migrationBuilder.DropColumn(
                name: "source_document_id",
                table: "contracts");

            migrationBuilder.DropColumn(
                name: "source_selector",
                table: "contracts");
        }
    }
}
