using System.Text.Json.Nodes;

using Tessera.Schemas.Dbt;

namespace Tessera.Schemas.Tests.Dbt;

public sealed class DbtTypeTests
{
    [Theory]
    [InlineData("date", "date")]
    [InlineData("DATE", "date")]
    [InlineData("datetime", "date-time")]
    [InlineData("timestamp", "date-time")]
    [InlineData("TIMESTAMP", "date-time")]
    [InlineData("timestamp_ntz", "date-time")]
    [InlineData("timestamp_tz", "date-time")]
    [InlineData("time", "time")]
    [InlineData("TIME", "time")]
    public void ToJsonSchema_TemporalType_IsStringWithFormat(string dataType, string format)
    {
        var schema = DbtType.ToJsonSchema(dataType);

        Assert.Equal("string", schema["type"]!.GetValue<string>());
        Assert.Equal(format, schema["format"]!.GetValue<string>());
    }

    [Fact]
    public void ToJsonSchema_TimestampWithPrecision_IsExactlyDateTimeString()
    {
        var schema = DbtType.ToJsonSchema("timestamp(6)");

        Assert.Equal("""{"type":"string","format":"date-time"}""", schema.ToJsonString());
    }

    [Theory]
    [InlineData("varchar", "string")]
    [InlineData("integer", "integer")]
    [InlineData("float", "number")]
    [InlineData("boolean", "boolean")]
    public void ToJsonSchema_PlainType_HasNoFormat(string dataType, string type)
    {
        var schema = DbtType.ToJsonSchema(dataType);

        Assert.Equal(type, schema["type"]!.GetValue<string>());
        Assert.False(schema.ContainsKey("format"));
    }

    [Theory]
    [InlineData(null, """{"type":"string"}""")]
    [InlineData("", """{"type":"string"}""")]
    [InlineData("geography", """{"type":"string"}""")]
    [InlineData("double precision", """{"type":"number"}""")]
    [InlineData("float4", """{"type":"number"}""")]
    [InlineData("float8", """{"type":"number"}""")]
    [InlineData("int4", """{"type":"integer"}""")]
    [InlineData("int8", """{"type":"integer"}""")]
    [InlineData("timestamptz", """{"type":"string","format":"date-time"}""")]
    [InlineData("timestamp with time zone", """{"type":"string","format":"date-time"}""")]
    [InlineData("TIMESTAMP(3) WITH TIME ZONE", """{"type":"string","format":"date-time"}""")]
    [InlineData("timestamp_ltz", """{"type":"string","format":"date-time"}""")]
    [InlineData("uuid", """{"type":"string","format":"uuid"}""")]
    [InlineData("array<int64>", """{"type":"array","items":{"type":"integer"}}""")]
    [InlineData("text[]", """{"type":"array","items":{"type":"string"}}""")]
    [InlineData("array", """{"type":"array"}""")]
    [InlineData("struct<id int64, tags array<string>>", """{"type":"object","properties":{"id":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}}}}""")]
    [InlineData("jsonb", """{"type":"object"}""")]
    public void ToJsonSchema_TypeMapGaps_AreFilled(string? dataType, string expected)
    {
        Assert.Equal(expected, DbtType.ToJsonSchema(dataType).ToJsonString());
    }

    [Theory]
    [InlineData("int", "integer")]
    [InlineData("int4", "INTEGER")]
    [InlineData("bigint", "int8")]
    [InlineData("float8", "double precision")]
    [InlineData("timestamptz", "timestamp with time zone")]
    [InlineData("timestamp_tz", "timestamp_ltz")]
    [InlineData("numeric(10,2)", "DECIMAL( 10 , 2 )")]
    [InlineData("varchar", "text")]
    [InlineData("character varying(10)", "varchar(10)")]
    [InlineData("timestamp", "timestamp(6)")]
    [InlineData("geography", "GEOGRAPHY")]
    public void Compare_Synonyms_AreEqual(string a, string b)
    {
        Assert.Equal(DbtTypeChange.Equal, DbtType.Compare(DbtType.Parse(a), DbtType.Parse(b)));
    }

    [Theory]
    [InlineData("int", "bigint", DbtTypeChange.Widened)]
    [InlineData("bigint", "smallint", DbtTypeChange.Narrowed)]
    [InlineData("varchar(10)", "varchar(20)", DbtTypeChange.Widened)]
    [InlineData("varchar(20)", "varchar(10)", DbtTypeChange.Narrowed)]
    [InlineData("varchar(255)", "text", DbtTypeChange.Widened)]
    [InlineData("numeric(10,2)", "numeric(12,2)", DbtTypeChange.Widened)]
    [InlineData("numeric(10,2)", "numeric(10,4)", DbtTypeChange.Changed)]
    [InlineData("numeric(12,4)", "numeric(10,2)", DbtTypeChange.Narrowed)]
    [InlineData("int", "numeric(10,0)", DbtTypeChange.Widened)]
    [InlineData("bigint", "numeric(10,0)", DbtTypeChange.Changed)]
    [InlineData("int", "double", DbtTypeChange.Widened)]
    [InlineData("bigint", "double", DbtTypeChange.Changed)]
    [InlineData("real", "double precision", DbtTypeChange.Widened)]
    [InlineData("uuid", "text", DbtTypeChange.Widened)]
    [InlineData("varchar(10)", "uuid", DbtTypeChange.Changed)]
    [InlineData("timestamp", "timestamptz", DbtTypeChange.Changed)]
    [InlineData("date", "timestamp", DbtTypeChange.Changed)]
    [InlineData("varchar", "integer", DbtTypeChange.Changed)]
    [InlineData("timestamp(3)", "timestamp(6)", DbtTypeChange.Widened)]
    [InlineData("object", "variant", DbtTypeChange.Widened)]
    [InlineData("array<int>", "array<bigint>", DbtTypeChange.Widened)]
    [InlineData("array<bigint>", "array<int>", DbtTypeChange.Narrowed)]
    [InlineData("array<int>", "array<string>", DbtTypeChange.Changed)]
    [InlineData("map<string,int>", "map<string,bigint>", DbtTypeChange.Widened)]
    [InlineData("map<int,int>", "map<bigint,int>", DbtTypeChange.Changed)]
    [InlineData("struct<a int>", "struct<a int, b string>", DbtTypeChange.Widened)]
    [InlineData("struct<a int, b string>", "struct<a int>", DbtTypeChange.Changed)]
    [InlineData("struct<a int, b int>", "struct<a bigint, b smallint>", DbtTypeChange.Changed)]
    [InlineData("geography", "geometry", DbtTypeChange.Changed)]
    [InlineData("geography", "h3index", DbtTypeChange.Unknown)]
    [InlineData("my_enum", "my_other_enum", DbtTypeChange.Unknown)]
    [InlineData("array<my_enum>", "array<my_other_enum>", DbtTypeChange.Unknown)]
    public void Compare_TypePair_IsJudged(string oldType, string newType, DbtTypeChange expected)
    {
        Assert.Equal(expected, DbtType.Compare(DbtType.Parse(oldType), DbtType.Parse(newType)));
    }

    [Fact]
    public void Parse_HostileNesting_GivesUnknownTypeWithoutOverflow()
    {
        var deep = string.Concat(Enumerable.Repeat("array<", 100_000)) + "int" + new string('>', 100_000);

        var type = DbtType.Parse(deep);

        Assert.Equal(DbtTypeFamily.Unknown, type.Family);
        Assert.Equal("""{"type":"string"}""", type.ToJsonSchema().ToJsonString());
    }

    [Theory]
    [InlineData("varchar(")]
    [InlineData("array<int")]
    [InlineData("numeric(a,b)")]
    [InlineData("struct<\"unterminated int>")]
    [InlineData(")")]
    public void Parse_MalformedText_GivesUnknownType(string text)
    {
        Assert.Equal(DbtTypeFamily.Unknown, DbtType.Parse(text).Family);
    }

    [Fact]
    public void ToJsonSchema_Result_IsFreshObject()
    {
        var first = DbtType.ToJsonSchema("integer");
        first["description"] = "changed";

        Assert.False(DbtType.ToJsonSchema("integer").ContainsKey("description"));
        Assert.IsType<JsonObject>(first);
    }
}