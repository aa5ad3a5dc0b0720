using Tessera.Core.Persistence;

namespace Tessera.Core.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void CoreAssembly_ReferencesSchemasButNoAspNetServerOrProvider()
    {
        var references = typeof(TesseraDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.Contains("Tessera.Schemas", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Tessera.Server", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Tessera.Data", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void DataAssemblies_ReferenceCoreButNotServer()
    {
        foreach (var assembly in new[] { typeof(Data.Sqlite.SqliteDatabase).Assembly, typeof(Data.PostgreSql.PostgresDatabase).Assembly })
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
            Assert.Contains("Tessera.Core", references);
            Assert.DoesNotContain(references, name => name.StartsWith("Tessera.Server", StringComparison.Ordinal));
            Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        }
    }
}