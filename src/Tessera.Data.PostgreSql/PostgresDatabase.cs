using Microsoft.EntityFrameworkCore;

using Tessera.Core.Persistence;

namespace Tessera.Data.PostgreSql;

/// <summary>Configures the context for PostgreSQL with this assembly's migrations.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder<TesseraDbContext> Configure(DbContextOptionsBuilder<TesseraDbContext> builder, string connectionString)
    {
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
}