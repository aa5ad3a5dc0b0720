using System.Text.Json.Nodes;

using Tessera.Schemas.Dbt;

namespace Tessera.Schemas.Tests.Dbt;

public sealed class DbtJsonSchemaTests
{
    private static readonly DbtColumn[] IdEmail = [new("id", "integer", ""), new("email", "varchar", "")];

    [Fact]
    public void ForColumns_NotNullColumns_AreRequiredSorted()
    {
        var guarantees = JsonNode.Parse("""{"nullability":{"id":"never","email":"never"}}""")!.AsObject();

        var schema = DbtJsonSchema.ForColumns(IdEmail, guarantees);

        Assert.Equal("""["email","id"]""", schema["required"]!.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"nullability":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"nullability":{"id":"sometimes","email":"always"}}""")]
    [InlineData("""{"nullability":{"phone":"never"}}""")]
    public void ForColumns_NoUsableNotNull_GivesEmptyRequired(string? guarantees)
    {
        var schema = DbtJsonSchema.ForColumns(IdEmail, guarantees is null ? null : JsonNode.Parse(guarantees)!.AsObject());

        Assert.Equal("[]", schema["required"]!.ToJsonString());
    }

    [Fact]
    public void ForColumns_NoColumns_IsExactlyEmptyObjectSchema()
    {
        Assert.Equal("""{"type":"object","properties":{},"required":[]}""", DbtJsonSchema.ForColumns([], null).ToJsonString());
    }

    [Fact]
    public void ForColumns_MissingTypeAndGeography_AreStringsAndDescriptionIsKept()
    {
        var schema = DbtJsonSchema.ForColumns(
            [new("name", null, "Display name."), new("area", "geography", "")], null);

        Assert.Equal("""{"type":"string","description":"Display name."}""", schema["properties"]!["name"]!.ToJsonString());
        Assert.Equal("""{"type":"string"}""", schema["properties"]!["area"]!.ToJsonString());
    }

    [Fact]
    public void ForNode_RequiredComesFromNotNullTestsAndConstraints()
    {
        var manifest = DbtManifests.Parse(DbtManifests.Shop);
        var orders = manifest.ById["model.shop.orders"];

        var schema = orders.ToJsonSchema();

        Assert.Equal("""["customer_id","order_id","status"]""", schema["required"]!.ToJsonString());
        Assert.Equal("""{"type":"number","description":"Total."}""", schema["properties"]!["amount"]!.ToJsonString());
    }

    [Fact]
    public void ToJsonSchema_Manifest_IsKeyedByLowerCaseFqn()
    {
        var format = new DbtFormat();
        var manifest = DbtManifests.Parse(DbtManifests.Shop);

        var schema = format.ToJsonSchema(manifest);

        Assert.Equal("object", schema["type"]!.GetValue<string>());
        var keys = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["analytics.marts.customers", "analytics.marts.orders", "raw.shop.orders"], keys);
    }

    [Fact]
    public void Metadata_Model_CarriesIdsColumnsGuaranteesAndResolvedDependencies()
    {
        var manifest = DbtManifests.Parse(DbtManifests.Shop);
        var orders = manifest.ById["model.shop.orders"];

        var metadata = DbtJsonSchema.Metadata(orders, manifest);

        Assert.Equal("model.shop.orders", metadata["dbt_node_id"]!.GetValue<string>());
        Assert.Equal("model", metadata["resource_type"]!.GetValue<string>());
        Assert.Equal("""["raw.shop.orders"]""", metadata["depends_on"]!.ToJsonString());
        Assert.Equal("""{"description":"Total.","data_type":"numeric(10,2)"}""", metadata["columns"]!["amount"]!.ToJsonString());
        Assert.Equal("""[{"team":"finance","purpose":"reporting"}]""", metadata["tessera_consumers"]!.ToJsonString());
        Assert.Equal("never", metadata["guarantees"]!["nullability"]!["order_id"]!.GetValue<string>());
    }

    [Fact]
    public void Metadata_Source_UsesSourceIdAndLeavesOutModelFields()
    {
        var manifest = DbtManifests.Parse(DbtManifests.Shop);

        var metadata = manifest.ById["source.shop.raw.orders"].ToMetadata();

        Assert.Equal("source.shop.raw.orders", metadata["dbt_source_id"]!.GetValue<string>());
        Assert.False(metadata.ContainsKey("dbt_node_id"));
        Assert.False(metadata.ContainsKey("depends_on"));
        Assert.Equal("source", metadata["resource_type"]!.GetValue<string>());
    }
}