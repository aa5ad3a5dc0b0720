using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tessera.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    user_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    notification_preferences = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deactivated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                    table.ForeignKey(
                        name: "FK_users_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    key_prefix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    scopes = table.Column<string>(type: "TEXT", nullable: false),
                    agent_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    agent_framework = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_keys_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_api_keys_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fqn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    environment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    guarantee_mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    semver_mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assets", x => x.id);
                    table.ForeignKey(
                        name: "FK_assets_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_assets_users_owner_user_id",
                        column: x => x.owner_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    asset_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    schema = table.Column<string>(type: "TEXT", nullable: false),
                    schema_format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    compatibility_mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    guarantees = table.Column<string>(type: "TEXT", nullable: true),
                    field_descriptions = table.Column<string>(type: "TEXT", nullable: false),
                    field_tags = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    published_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    published_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contracts", x => x.id);
                    table.ForeignKey(
                        name: "FK_contracts_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_contracts_teams_published_by",
                        column: x => x.published_by,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dependencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dependent_asset_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dependency_asset_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dependency_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    confidence = table.Column<double>(type: "REAL", nullable: true),
                    last_observed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    call_count = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dependencies", x => x.id);
                    table.ForeignKey(
                        name: "FK_dependencies_assets_dependency_asset_id",
                        column: x => x.dependency_asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dependencies_assets_dependent_asset_id",
                        column: x => x.dependent_asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    asset_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposed_schema = table.Column<string>(type: "TEXT", nullable: false),
                    proposed_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    compatibility_mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    proposed_guarantees = table.Column<string>(type: "TEXT", nullable: true),
                    field_descriptions = table.Column<string>(type: "TEXT", nullable: false),
                    field_tags = table.Column<string>(type: "TEXT", nullable: false),
                    change_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    breaking_changes = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    proposed_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposed_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    proposed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    resolved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    auto_expire = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    affected_teams = table.Column<string>(type: "TEXT", nullable: false),
                    affected_assets = table.Column<string>(type: "TEXT", nullable: false),
                    objections = table.Column<string>(type: "TEXT", nullable: false),
                    published_contract_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals", x => x.id);
                    table.ForeignKey(
                        name: "FK_proposals_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_proposals_teams_proposed_by",
                        column: x => x.proposed_by,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    asset_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer_team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pinned_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    registered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deleted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registrations", x => x.id);
                    table.ForeignKey(
                        name: "FK_registrations_assets_asset_id",
                        column: x => x.asset_id,
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_registrations_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_registrations_teams_consumer_team_id",
                        column: x => x.consumer_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "acknowledgments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer_team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    acknowledged_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    response = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    migration_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    responded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acknowledgments", x => x.id);
                    table.ForeignKey(
                        name: "FK_acknowledgments_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_acknowledgments_teams_consumer_team_id",
                        column: x => x.consumer_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_acknowledgments_consumer_team_id",
                table: "acknowledgments",
                column: "consumer_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_acknowledgments_proposal_id_consumer_team_id",
                table: "acknowledgments",
                columns: new[] { "proposal_id", "consumer_team_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_key_prefix",
                table: "api_keys",
                column: "key_prefix");

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_team_id",
                table: "api_keys",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_user_id",
                table: "api_keys",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_assets_environment_deleted_at",
                table: "assets",
                columns: new[] { "environment", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "IX_assets_fqn_environment",
                table: "assets",
                columns: new[] { "fqn", "environment" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assets_owner_team_id_deleted_at",
                table: "assets",
                columns: new[] { "owner_team_id", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "IX_assets_owner_user_id",
                table: "assets",
                column: "owner_user_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_actor_id",
                table: "audit_events",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_entity_id",
                table: "audit_events",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_entity_type_occurred_at",
                table: "audit_events",
                columns: new[] { "entity_type", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_occurred_at",
                table: "audit_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_asset_id_status",
                table: "contracts",
                columns: new[] { "asset_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_contracts_asset_id_version",
                table: "contracts",
                columns: new[] { "asset_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contracts_published_at",
                table: "contracts",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "IX_contracts_published_by",
                table: "contracts",
                column: "published_by");

            migrationBuilder.CreateIndex(
                name: "ux_contracts_one_active",
                table: "contracts",
                column: "asset_id",
                unique: true,
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "IX_dependencies_dependency_asset_id_deleted_at",
                table: "dependencies",
                columns: new[] { "dependency_asset_id", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "ux_dependencies_pair_live",
                table: "dependencies",
                columns: new[] { "dependent_asset_id", "dependency_asset_id" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_asset_id_status",
                table: "proposals",
                columns: new[] { "asset_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_proposals_expires_at",
                table: "proposals",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposed_at",
                table: "proposals",
                column: "proposed_at");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposed_by",
                table: "proposals",
                column: "proposed_by");

            migrationBuilder.CreateIndex(
                name: "ux_proposals_one_pending",
                table: "proposals",
                column: "asset_id",
                unique: true,
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "IX_registrations_consumer_team_id_deleted_at",
                table: "registrations",
                columns: new[] { "consumer_team_id", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "IX_registrations_contract_id_deleted_at",
                table: "registrations",
                columns: new[] { "contract_id", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "ux_registrations_asset_team_live",
                table: "registrations",
                columns: new[] { "asset_id", "consumer_team_id" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_teams_deleted_at",
                table: "teams",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ux_teams_name_active",
                table: "teams",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_users_deactivated_at",
                table: "users",
                column: "deactivated_at");

            migrationBuilder.CreateIndex(
                name: "IX_users_email",
                table: "users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_team_id",
                table: "users",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "IX_users_username",
                table: "users",
                column: "username",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acknowledgments");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "dependencies");

            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropTable(
                name: "proposals");

            migrationBuilder.DropTable(
                name: "contracts");

            migrationBuilder.DropTable(
                name: "assets");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "teams");
        }
    }
}
