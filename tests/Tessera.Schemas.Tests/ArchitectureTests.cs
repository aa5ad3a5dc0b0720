using System.Reflection;

namespace Tessera.Schemas.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void SchemasAssembly_ReferencesNoEntityFrameworkOrAspNet()
    {
        var references = typeof(SchemaEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryRegisteredFormat_HasRulesWithUniqueIdsPrefixedByItsFormat()
    {
        foreach (var format in SchemaEngine.Formats)
        {
            Assert.All(format.Rules, rule =>
            {
                Assert.Equal(format.Format, rule.Format);
                Assert.StartsWith(format.Format.ToWire() + ".", rule.Id, StringComparison.Ordinal);
            });
        }

        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}