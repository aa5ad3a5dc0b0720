using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

using Tessera.Schemas.Dbt;

namespace Tessera.Schemas.Tests.Dbt;

public sealed class DbtFormatTests
{
    private static readonly DbtFormat Format = new();

    [Fact]
    public void Detect_SchemaVersion_IsCertain()
    {
        var tree = JsonNode.Parse("""{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v12.json"}}""");

        Assert.Equal(95, Format.Detect(new SchemaSource("{}"), tree));
    }

    [Fact]
    public void Detect_NodesAndSourcesWithoutMetadata_IsLikely()
    {
        Assert.Equal(80, Format.Detect(new SchemaSource("{}"), JsonNode.Parse("""{"nodes":{},"sources":{}}""")));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{}}""")]
    [InlineData("""{"nodes":{}}""")]
    [InlineData("""[1,2]""")]
    public void Detect_OtherDocument_IsZero(string json)
    {
        Assert.Equal(0, Format.Detect(new SchemaSource(json), JsonNode.Parse(json)));
    }

    [Fact]
    public void SchemaEngineDetect_ManifestJson_PicksDbt()
    {
        var engine = new SchemaEngine();

        Assert.Equal(SchemaFormat.Dbt, engine.Detect(new SchemaSource(DbtManifests.Shop, "manifest.json")));
    }

    [Theory]
    [InlineData("""[]""", "A dbt manifest is a JSON object")]
    [InlineData("""{"metadata":{}}""", "not a dbt manifest")]
    [InlineData("""{"nodes":[]}""", "at /nodes")]
    [InlineData("""{"nodes":{"model.a.b":"x"}}""", "at /nodes/model.a.b")]
    [InlineData("""{"nodes":{"model.a/b":{"resource_type":"model"}}}""", "at /nodes/model.a~1b/name")]
    [InlineData("""{"nodes":{"model.a.b":{"resource_type":"model","name":"b","columns":{"x":{"data_type":["int"]}}}}}""", "at /nodes/model.a.b/columns/x/data_type")]
    [InlineData("""{"nodes":{"model.a.b":{"resource_type":"model","name":"b","config":{"contract":{"enforced":"yes"}}}}}""", "at /nodes/model.a.b/config/contract/enforced")]
    [InlineData("""{"nodes":{"model.a.b":{"resource_type":"model","name":"b","columns":{"x":{"constraints":{"type":"not_null"}}}}}}""", "at /nodes/model.a.b/columns/x/constraints")]
    [InlineData("""{"nodes":{"model.a.b":{"resource_type":"model","name":"b","meta":{"tessera":[]}}}}""", "at /nodes/model.a.b/meta/tessera")]
    [InlineData("""{"nodes":{"model.a.b":{"resource_type":"model","name":"b","meta":{"tessera":{"freshness":"1h"}}}}}""", "at /nodes/model.a.b/meta/tessera/freshness")]
    [InlineData("""{"nodes":{"model.a.b":{"resource_type":"model","name":"b"},"test.a.t":{"resource_type":"test","test_metadata":{"kwargs":{}},"depends_on":{"nodes":["model.a.b"]}}}}""", "at /nodes/test.a.t/test_metadata/name")]
    [InlineData("""{"nodes":{},"sources":{"source.a.s.t":{"resource_type":"source"}}}""", "at /sources/source.a.s.t/name")]
    [InlineData("""{"nodes": {""", "Invalid JSON")]
    public void Parse_MalformedManifest_ThrowsNamingThePlace(string json, string expected)
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => DbtManifests.Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("manifest.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedManifest_HitsTheDepthLimit()
    {
        var json = "{\"nodes\":" + new string('[', 1000) + new string(']', 1000) + "}";

        var ex = Assert.Throws<SchemaLimitException>(() => DbtManifests.Parse(json));

        Assert.Equal(nameof(SchemaLimits.MaxDepth), ex.LimitName);
    }

    [Fact]
    public void Parse_Shop_KeepsContractNodesOnlyInIdOrder()
    {
        var manifest = DbtManifests.Parse(DbtManifests.Shop);

        Assert.Equal(["model.shop.customers", "model.shop.orders", "source.shop.raw.orders"], manifest.Nodes.Select(n => n.UniqueId));
        Assert.Equal("https://schemas.getdbt.com/dbt/manifest/v12.json", manifest.SchemaVersion);
    }

    [Fact]
    public void Parse_Node_HasLowerCaseFqnAndRelation()
    {
        var orders = DbtManifests.Parse(DbtManifests.Shop).ById["model.shop.orders"];

        Assert.Equal("analytics.marts.orders", orders.Fqn);
        Assert.Equal("analytics.marts.orders", orders.Relation);
        Assert.Equal("table", orders.Materialized);
        Assert.True(orders.ContractEnforced);
    }

    [Fact]
    public void Parse_Tests_BecomeKeyedGuarantees()
    {
        var guarantees = DbtManifests.Parse(DbtManifests.Shop).ById["model.shop.orders"].Guarantees;

        Assert.Equal(["customer_id", "order_id", "phantom", "status"], guarantees.Nullability.Keys);
        Assert.Equal(["order_id"], guarantees.Uniqueness);
        Assert.Equal(["3", "placed", "shipped"], guarantees.AcceptedValues["status"]);
        Assert.Equal("""{"to":"ref('customers')","field":"customer_id"}""", DbtJsonText(guarantees.Relationships["customer_id"]));
        Assert.Equal("""{"type":"is_positive","column":"amount","kwargs":{}}""", DbtJsonText(guarantees.Custom["is_positive.amount"]));
        Assert.Equal("""{"hours":12}""", DbtJsonText(guarantees.Freshness!["warn_after"]!));
        Assert.Null(guarantees.Volume);
    }

    [Fact]
    public void Parse_TwoTestsOfOneTypeOnOneColumn_KeepsBothUnderDistinctKeys()
    {
        var custom = DbtManifests.Parse(DbtManifests.Shop).ById["model.shop.orders"].Guarantees.Custom;

        var ranges = custom.Keys.Where(k => k.StartsWith("dbt_utils.accepted_range.amount", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ranges.Count);
        Assert.Contains(ranges, k => k.Contains("min_value", StringComparison.Ordinal));
        Assert.Contains(ranges, k => k.Contains("max_value", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SingularTest_IsCustomGuaranteeWithNormalisedSql()
    {
        var custom = DbtManifests.Parse(DbtManifests.Shop).ById["model.shop.orders"].Guarantees.Custom;

        var singular = custom["singular.assert_no_negative_orders"];
        Assert.Equal("singular", singular["type"]!.GetValue<string>());
        Assert.Equal("No negative totals.", singular["description"]!.GetValue<string>());
        Assert.Equal("select * from {{ ref('orders') }} where amount < 0", singular["sql"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_RelationshipsTestWithoutAttachedNode_GuaranteesOnlyTheReferencingModel()
    {
        var manifest = DbtManifests.Parse(DbtManifests.Shop);

        Assert.True(manifest.ById["model.shop.orders"].Guarantees.Relationships.ContainsKey("customer_id"));
        Assert.Empty(manifest.ById["model.shop.customers"].Guarantees.Relationships);
    }

    [Fact]
    public void Parse_ModelLevelCompositePrimaryKey_MakesEachColumnRequiredButNoneUnique()
    {
        var manifest = DbtManifests.Parse("""
            {"nodes":{"model.a.t":{"resource_type":"model","name":"t",
              "columns":{"a":{"name":"a","data_type":"int"},"b":{"name":"b","data_type":"int"},"c":{"name":"c","data_type":"int"}},
              "constraints":[{"type":"primary_key","columns":["a","B"]},{"type":"unique","columns":["c"]},{"type":"check","expression":"a > 0"}]}}}
            """);
        var node = manifest.ById["model.a.t"];

        Assert.Equal(["a", "b"], node.Guarantees.Nullability.Keys);
        Assert.Equal(["c"], node.Guarantees.Uniqueness);
        Assert.Equal(["constraint.check", "constraint.primary_key(a,b)"], node.Guarantees.Custom.Keys);
        Assert.Equal("""["a","b"]""", node.ToJsonSchema()["required"]!.ToJsonString());
    }

    [Fact]
    public void Parse_TestWithoutAttachedNode_IsAttachedToTheModelItsKwargsNameWithVersion()
    {
        var manifest = DbtManifests.Parse("""
            {"nodes":{
              "model.a.orders.v1":{"resource_type":"model","name":"orders","version":1,"latest_version":2,"columns":{"id":{"name":"id"}}},
              "model.a.orders.v2":{"resource_type":"model","name":"orders","version":2,"latest_version":2,"columns":{"id":{"name":"id"}}},
              "model.a.customers":{"resource_type":"model","name":"customers"},
              "test.a.rel":{"resource_type":"test","test_metadata":{"name":"relationships","kwargs":{"column_name":"id","to":"ref('customers')","field":"id","model":"{{ get_where_subquery(ref('orders', v=1)) }}"}},
                "depends_on":{"nodes":["model.a.customers","model.a.orders.v1","model.a.orders.v2"]}}}}
            """);

        Assert.True(manifest.ById["model.a.orders.v1"].Guarantees.Relationships.ContainsKey("id"));
        Assert.Empty(manifest.ById["model.a.orders.v2"].Guarantees.Relationships);
        Assert.Empty(manifest.ById["model.a.customers"].Guarantees.Relationships);
        Assert.Equal("..orders_v1", manifest.ById["model.a.orders.v1"].Fqn);
    }

    [Fact]
    public void ParseAndCompare_DeeplyNestedTestArguments_StayWithinLimits()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 200)) + "1" + new string('}', 200);
        var json = "{\"nodes\":{\"model.a.t\":{\"resource_type\":\"model\",\"name\":\"t\"},\"test.a.x\":{\"resource_type\":\"test\","
            + "\"test_metadata\":{\"name\":\"deep\",\"kwargs\":{\"arg\":" + deep + "}},\"attached_node\":\"model.a.t\"}}}";

        var oldManifest = DbtManifests.Parse(json);
        var newManifest = DbtManifests.Parse(json.Replace("\"x\":1", "\"x\":2", StringComparison.Ordinal));
        var findings = Format.Compare(oldManifest, newManifest, SchemaLimits.Default);

        Assert.Equal("dbt.custom_guarantee_changed", Assert.Single(findings).RuleId);
    }

    [Fact]
    public void GuaranteesToJson_IsKeyedByCategory()
    {
        var json = DbtManifests.Parse(DbtManifests.Shop).ById["model.shop.orders"].Guarantees.ToJson();

        Assert.Equal(["nullability", "uniqueness", "accepted_values", "relationships", "custom", "freshness"], json.Select(p => p.Key));
        Assert.IsType<JsonObject>(json["custom"]);
    }

    [Fact]
    public void Compare_AddedNotNullOnUndocumentedColumn_IsReportedButNotRequired()
    {
        var oldManifest = DbtManifests.Parse(DbtManifests.Shop);
        var newManifest = DbtManifests.Parse(DbtManifests.Shop.Replace("\"phantom\"", "\"ghost\"", StringComparison.Ordinal));

        var findings = Format.Compare(oldManifest, newManifest, SchemaLimits.Default);

        Assert.Equal(["dbt.not_null_added", "dbt.not_null_removed"], findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("ghost", newManifest.ById["model.shop.orders"].ToJsonSchema()["required"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameManifestWithKeysReordered_HasNoFindings()
    {
        var oldManifest = DbtManifests.Parse(DbtManifests.Shop);
        var reordered = JsonNode.Parse(DbtManifests.Shop)!.AsObject();
        var nodes = reordered["nodes"]!.AsObject();
        var pairs = nodes.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList();
        reordered["nodes"] = new JsonObject(pairs);

        var findings = Format.Compare(oldManifest, DbtManifests.Parse(reordered.ToJsonString()), SchemaLimits.Default);

        Assert.Empty(findings);
    }

    [Fact]
    public void Compare_ManyChanges_StopsAtMaxFindings()
    {
        var oldManifest = DbtManifests.Parse(BigManifest(50, columns: 10));
        var newManifest = DbtManifests.Parse("""{"nodes":{}}""");

        var ex = Assert.Throws<SchemaLimitException>(() => Format.Compare(oldManifest, newManifest, SchemaLimits.Default with { MaxFindings = 20 }));

        Assert.Equal(nameof(SchemaLimits.MaxFindings), ex.LimitName);
    }

    [Fact]
    public void ParseAndCompare_ThousandModelManifest_ReportsEveryWidenedColumn()
    {
        var text = BigManifest(1000, columns: 20);
        var changed = text.Replace("\"data_type\":\"integer\"", "\"data_type\":\"bigint\"", StringComparison.Ordinal);

        var oldManifest = DbtManifests.Parse(text);
        var newManifest = DbtManifests.Parse(changed);
        var findings = Format.Compare(oldManifest, newManifest, SchemaLimits.Default);

        Assert.Equal(1000, oldManifest.Nodes.Count);
        Assert.Equal(1000, findings.Count);
        Assert.All(findings, f => Assert.Equal("dbt.column_type_widened", f.RuleId));
        // Generous: the test machine is shared; a quadratic walk over 20,000 columns would take minutes, not seconds.
    }

    [Fact]
    public void Rules_GuaranteeRelaxations_AreDangerousAndTighteningsSafe()
    {
        foreach (var rule in DbtRules.All.Where(r => DbtRules.Guarantees.Contains(r.Id)))
        {
            var expected = DbtRules.GuaranteeRelaxations.Contains(rule.Id) ? Severity.Dangerous : Severity.Safe;
            Assert.Equal(expected, rule.Backward);
            Assert.Equal(expected, rule.Forward);
        }

        Assert.Contains("dbt.not_null_removed", DbtRules.GuaranteeRelaxations);
        Assert.DoesNotContain("dbt.not_null_added", DbtRules.GuaranteeRelaxations);
    }

    [Fact]
    public void Rules_AllHaveUniqueIdsAndTheCatalogueListsThem()
    {
        Assert.Equal(DbtRules.All.Count, DbtRules.All.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Same(DbtRules.All, Format.Rules);
        Assert.Contains(RuleCatalog.All, r => r.Id == "dbt.unknown");
    }

    private static string DbtJsonText(JsonNode node) => node.ToJsonString(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A manifest of <paramref name="models"/> models, each with columns, a not_null and a unique test.</summary>
    internal static string BigManifest(int models, int columns)
    {
        var sb = new StringBuilder("{\"metadata\":{\"dbt_schema_version\":\"v12\"},\"nodes\":{");
        for (var m = 0; m < models; m++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"model.big.m{m:D4}");
            if (m > 0)
            {
                sb.Append(',');
            }

            sb.Append(CultureInfo.InvariantCulture, $"\"{id}\":{{\"resource_type\":\"model\",\"name\":\"m{m:D4}\",\"database\":\"db\",\"schema\":\"s\",\"config\":{{\"materialized\":\"table\"}},\"description\":\"Model {m}.\",\"columns\":{{");
            for (var c = 0; c < columns; c++)
            {
                var type = c == 0 ? "integer" : c % 3 == 0 ? "timestamp" : c % 3 == 1 ? "varchar(64)" : "numeric(12,2)";
                sb.Append(CultureInfo.InvariantCulture, $"{(c > 0 ? "," : "")}\"c{c}\":{{\"name\":\"c{c}\",\"data_type\":\"{type}\",\"description\":\"Column {c}.\"}}");
            }

            sb.Append("}},");
            sb.Append(CultureInfo.InvariantCulture, $"\"test.big.nn_{m}\":{{\"resource_type\":\"test\",\"test_metadata\":{{\"name\":\"not_null\",\"kwargs\":{{\"column_name\":\"c0\"}}}},\"attached_node\":\"{id}\",\"depends_on\":{{\"nodes\":[\"{id}\"]}}}},");
            sb.Append(CultureInfo.InvariantCulture, $"\"test.big.u_{m}\":{{\"resource_type\":\"test\",\"test_metadata\":{{\"name\":\"unique\",\"kwargs\":{{\"column_name\":\"c0\"}}}},\"attached_node\":\"{id}\",\"depends_on\":{{\"nodes\":[\"{id}\"]}}}}");
        }

        sb.Append("},\"sources\":{}}");
        return sb.ToString();
    }
}