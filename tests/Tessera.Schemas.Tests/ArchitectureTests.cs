using System.Reflection;
using System.Runtime.CompilerServices;

using Tessera.Schemas.Guarantees;

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

    [Fact]
    public void RuleCatalog_RulesThatNoFormatOwns_AreExactlyTheGuaranteeRules()
    {
        var formatRuleIds = SchemaEngine.Formats.SelectMany(f => f.Rules).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var others = RuleCatalog.All.Where(r => !formatRuleIds.Contains(r.Id)).ToList();

        Assert.Equal(GuaranteeRules.All, others);
        Assert.All(others, r => Assert.StartsWith(GuaranteeRules.Prefix, r.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void DocsRulesMd_EqualsTheRenderedCatalogue()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "rules.md");

        Assert.Equal(RuleCatalog.RenderMarkdown(), File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}