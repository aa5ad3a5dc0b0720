using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

using Tessera.Core.Persistence;

namespace Tessera.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for SQLite migrations (no database is touched).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TesseraDbContext>
{
    public TesseraDbContext CreateDbContext(string[] args) =>
        new(SqliteDatabase.Configure(new DbContextOptionsBuilder<TesseraDbContext>(), "Data Source=design-time.db").Options);
}