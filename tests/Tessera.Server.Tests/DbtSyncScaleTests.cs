using System.Data.Common;
using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Client;
using Tessera.Core.Persistence;
using Tessera.Server.Tests.Infrastructure;

namespace Tessera.Server.Tests;

/// <summary>
/// The dbt importer's database work grows with what changes, not with the size of the manifest: an unchanged
/// re-import runs the same number of statements for 20 models as for 60, and a first import no more than one per
/// row it writes. Counted, not timed.
/// </summary>
public abstract class DbtSyncScaleTests(ApplicationFixture fixture) : ProviderTests(fixture)
{
    [Fact]
    public async Task Statements_UnchangedReimportIsFlat_FirstImportIsLinear()
    {
        var counter = new StatementCounter();
        var url = await Fixture.CreateDatabaseUrlAsync();
        Assert.NotNull(url);
        await using var app = new TesseraApplication(url, configureServices: s => s.ConfigureDbContext<TesseraDbContext>(o => o.AddInterceptors(counter)));
        var owner = await app.CreateTeamAsync();
        var options = new DbtUploadOptions(owner.Id, AutoPublishContracts: true, AutoCreateProposals: true, AutoRegisterConsumers: true);

        var first = new Dictionary<int, int>();
        var again = new Dictionary<int, int>();
        foreach (var models in new[] { 20, 60 })
        {
            var manifest = Generate("scale" + models, models);
            counter.Reset();
            var created = await app.Admin.UploadDbtManifestAsync(manifest, options);
            first[models] = counter.Count;
            Assert.Equal((models + 1, models + 1), (created.Assets.Created, created.Contracts.Published));

            counter.Reset();
            var unchanged = await app.Admin.UploadDbtManifestAsync(manifest, options);
            again[models] = counter.Count;
            Assert.Equal((0, models + 1), (unchanged.Contracts.Published, unchanged.Contracts.Unchanged));
        }

        Assert.Equal(again[20], again[60]);
        // At most one INSERT per row written (asset, lineage edge, contract and their audit events; PostgreSQL batches them).
        var perModel = (first[60] - first[20]) / 40.0;
        Assert.True(perModel <= 6, $"a first import ran {perModel:F1} statements per model ({first[20]} for 20, {first[60]} for 60)");
    }

    /// <summary>A project of one source and <paramref name="models"/> models in a chain, each with five columns and a not-null test.</summary>
    internal static string Generate(string project, int models)
    {
        var nodes = new JsonObject();
        for (var i = 0; i < models; i++)
        {
            var id = $"model.{project}.m{i:D4}";
            var columns = new JsonObject();
            foreach (var (name, type) in new[] { ("id", "bigint"), ("name", "text"), ("amount", "numeric(12,2)"), ("created_at", "timestamp"), ("status", "varchar(20)") })
            {
                columns[name] = new JsonObject { ["name"] = name, ["data_type"] = type, ["description"] = "" };
            }

            nodes[id] = new JsonObject
            {
                ["resource_type"] = "model",
                ["name"] = $"m{i:D4}",
                ["database"] = project,
                ["schema"] = "marts",
                ["package_name"] = project,
                ["config"] = new JsonObject { ["materialized"] = "table" },
                ["columns"] = columns,
                ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(i == 0 ? $"source.{project}.raw.events" : $"model.{project}.m{i - 1:D4}") },
            };
            nodes[$"test.{project}.not_null_m{i:D4}_id"] = new JsonObject
            {
                ["resource_type"] = "test",
                ["attached_node"] = id,
                ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(id) },
                ["test_metadata"] = new JsonObject { ["name"] = "not_null", ["kwargs"] = new JsonObject { ["column_name"] = "id" } },
            };
        }

        var sources = new JsonObject
        {
            [$"source.{project}.raw.events"] = new JsonObject
            {
                ["resource_type"] = "source",
                ["name"] = "events",
                ["source_name"] = "raw",
                ["database"] = project,
                ["schema"] = "raw",
                ["columns"] = new JsonObject { ["id"] = new JsonObject { ["name"] = "id", ["data_type"] = "bigint" } },
            },
        };
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/manifest/v12.json" },
            ["nodes"] = nodes,
            ["sources"] = sources,
        }.ToJsonString();
    }

    private sealed class StatementCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class DbtSyncScaleSqliteTests(SqliteFixture fixture) : DbtSyncScaleTests(fixture), IClassFixture<SqliteFixture>;

public sealed class DbtSyncScalePostgresTests(PostgresFixture fixture) : DbtSyncScaleTests(fixture), IClassFixture<PostgresFixture>;