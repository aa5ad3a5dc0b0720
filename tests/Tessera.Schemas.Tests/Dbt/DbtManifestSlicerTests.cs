using System.Text.Json.Nodes;

using Tessera.Schemas.Dbt;

namespace Tessera.Schemas.Tests.Dbt;

public sealed class DbtManifestSlicerTests
{
    public static TheoryData<string> Manifests()
    {
        var data = new TheoryData<string> { "shop" };
        // Every readable manifest of the golden cases (the error-* cases are unreadable on purpose).
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(GoldenCaseTests.TestDataRoot, "dbt")).Order(StringComparer.Ordinal)
            .Where(d => !Path.GetFileName(d).StartsWith("error-", StringComparison.Ordinal)))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*.json").Where(f => Path.GetFileName(f) is "old.json" or "new.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(GoldenCaseTests.TestDataRoot, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Slice_EveryNode_ReadsBackAsTheSameNode(string name)
    {
        var text = name == "shop" ? DbtManifests.Shop : File.ReadAllText(Path.Combine(GoldenCaseTests.TestDataRoot, name));
        var manifest = DbtManifests.Parse(text);

        var slices = DbtManifestSlicer.Slice(manifest, SchemaLimits.Default);

        Assert.Equal(manifest.Nodes.Select(n => n.UniqueId), slices.Keys.Order(StringComparer.Ordinal));
        foreach (var node in manifest.Nodes)
        {
            var slice = DbtManifests.Parse(slices[node.UniqueId].ToJsonString());
            var sliced = Assert.Single(slice.Nodes);
            var whole = new DbtManifest(manifest.Source, manifest.SchemaVersion, [node]);
            Assert.Empty(new DbtComparer(SchemaLimits.Default).Compare(whole, slice));
            Assert.Equal(node.ToJsonSchema().ToJsonString(), sliced.ToJsonSchema().ToJsonString());
            Assert.Equal(node.Guarantees.ToJson().ToJsonString(), sliced.Guarantees.ToJson().ToJsonString());
            Assert.Equal(node.Fqn, sliced.Fqn);
            Assert.Equal(node.TestIds, sliced.TestIds);
        }
    }

    [Fact]
    public void Slice_KeepsOnlyWhatTheReaderReads()
    {
        var manifest = DbtManifests.Parse("""
            {
              "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
              "nodes": {
                "model.a.orders": {
                  "resource_type": "model", "name": "orders", "database": "db", "schema": "s",
                  "raw_code": "select 1", "compiled_code": "select 1", "checksum": {"name": "sha256", "checksum": "x"},
                  "config": {"materialized": "table", "post-hook": [], "meta": {}},
                  "columns": {"id": {"name": "id", "data_type": "int", "quote": null, "meta": {"tags": ["pii"]}}},
                  "depends_on": {"macros": ["macro.dbt.x"], "nodes": ["model.a.raw"]}
                },
                "model.a.raw": {"resource_type": "model", "name": "raw"},
                "test.a.not_null_orders_id": {
                  "resource_type": "test", "name": "not_null_orders_id", "raw_code": "{{ test_not_null(**_dbt_generic_test_kwargs) }}",
                  "test_metadata": {"name": "not_null", "kwargs": {"column_name": "id", "model": "{{ get_where_subquery(ref('orders')) }}"}},
                  "depends_on": {"macros": ["macro.dbt.test_not_null"], "nodes": ["model.a.orders"]}
                }
              },
              "sources": {},
              "macros": {"macro.dbt.x": {"name": "x"}}
            }
            """);

        var slice = DbtManifestSlicer.Slice(manifest, SchemaLimits.Default)["model.a.orders"];

        var orders = slice["nodes"]!["model.a.orders"]!.AsObject();
        Assert.False(orders.ContainsKey("raw_code"));
        Assert.False(orders.ContainsKey("checksum"));
        Assert.Equal("""{"materialized":"table","meta":{}}""", orders["config"]!.ToJsonString());
        Assert.Equal("""{"nodes":["model.a.raw"]}""", orders["depends_on"]!.ToJsonString());
        Assert.Equal("""{"name":"id","data_type":"int","meta":{"tags":["pii"]}}""", orders["columns"]!["id"]!.ToJsonString());
        var test = slice["nodes"]!["test.a.not_null_orders_id"]!.AsObject();
        Assert.False(test.ContainsKey("raw_code"));
        Assert.Equal("model.a.orders", (string?)test["attached_node"]);
        Assert.False(slice["nodes"]!.AsObject().ContainsKey("model.a.raw"));
        Assert.False(slice.ContainsKey("macros"));
    }

    [Fact]
    public void Slice_RelationshipsTest_StaysWithTheTestedNodeOnly()
    {
        var manifest = DbtManifests.Parse(DbtManifests.Shop);

        var slices = DbtManifestSlicer.Slice(manifest, SchemaLimits.Default);

        Assert.True(slices["model.shop.orders"]["nodes"]!.AsObject().ContainsKey("test.shop.relationships_orders_customer_id.5"));
        Assert.False(slices["model.shop.customers"]["nodes"]!.AsObject().ContainsKey("test.shop.relationships_orders_customer_id.5"));
        var orders = DbtManifests.Parse(slices["model.shop.orders"].ToJsonString()).Nodes.Single();
        Assert.Equal("ref('customers')", (string?)orders.Guarantees.Relationships["customer_id"]["to"]);
        Assert.Equal("customer_id", (string?)orders.Guarantees.Relationships["customer_id"]["field"]);
        Assert.IsType<JsonObject>(slices["source.shop.raw.orders"]["sources"]!["source.shop.raw.orders"]);
    }
}