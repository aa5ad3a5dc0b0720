using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

using Tessera.Core.Persistence;

namespace Tessera.Data.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the context for PostgreSQL migrations (no database is touched).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TesseraDbContext>
{
    public TesseraDbContext CreateDbContext(string[] args) =>
        new(PostgresDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), "Host=localhost;Database=tessera_design").Options);
}