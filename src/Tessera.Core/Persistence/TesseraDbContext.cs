using System.Text.Json;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

using Tessera.Core.ApiKeys;
using Tessera.Core.Assets;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Lineage;
using Tessera.Core.Proposals;
using Tessera.Core.Registrations;
using Tessera.Core.Repos;
using Tessera.Core.Services;
using Tessera.Core.Teams;
using Tessera.Core.Users;

namespace Tessera.Core.Persistence;

/// <summary>
/// The one database context. The model is provider-neutral: snake_case names, enums as lower-case text,
/// JSON as text, UTC <see cref="DateTime"/> timestamps (text that sorts on SQLite, timestamptz on PostgreSQL).
/// </summary>
public sealed class TesseraDbContext(DbContextOptions<TesseraDbContext> options) : DbContext(options)
{
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<Acknowledgment> Acknowledgments => Set<Acknowledgment>();

    public DbSet<Dependency> Dependencies => Set<Dependency>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Repo> Repos => Set<Repo>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<SyncEvent> SyncEvents => Set<SyncEvent>();

    public DbSet<SourceDocument> SourceDocuments => Set<SourceDocument>();

    public bool IsPostgres => Database.ProviderName == PostgresProvider;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        foreach (var enumType in typeof(TesseraDbContext).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace == typeof(ResourceType).Namespace))
        {
            var converter = typeof(EnumTextConverter<>).MakeGenericType(enumType);
            configurationBuilder.Properties(enumType).HaveConversion(converter).HaveMaxLength(32);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TesseraDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
                    property.SetColumnName(name.EndsWith("_json", StringComparison.Ordinal) ? name[..^5] : name);
                }
            }
        }
    }

    /// <summary>Reads every timestamp back as UTC (SQLite keeps no kind).</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class EnumTextConverter<T>() : ValueConverter<T, string>(v => v.ToWire(), v => EnumText.Parse<T>(v))
        where T : struct, Enum;
}