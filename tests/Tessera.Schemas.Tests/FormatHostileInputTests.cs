using System.Text;

namespace Tessera.Schemas.Tests;

/// <summary>
/// Broken and hostile documents in each implemented format's own syntax: a parse error that names the place, or
/// a limit error that names the limit, never a crash. Formats that are not implemented yet are left out of the
/// data; every row that is present must hold.
/// </summary>
public sealed class FormatHostileInputTests
{
    private const int Deep = 100_000;

    private static readonly SchemaEngine Engine = new();

    private static string Repeat(string text, int count) => HostileInputTests.Repeat(text, count);

    /// <summary>(format, file name, broken text).</summary>
    public static TheoryData<string, string, string> Broken()
    {
        var rows = new List<(SchemaFormat Format, string Name, string Text)>
        {
            (SchemaFormat.JsonSchema, "broken.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"type\": \"string\"},\n  \n"),
            (SchemaFormat.JsonSchema, "broken.yaml", "type: object\nproperties:\n  a: {type: string\n"),
            (SchemaFormat.Avro, "broken.avsc", "{\"type\": \"record\", \"name\": \"A\", \"fields\": [\n  {\"name\": \"a\", \"type\": \"long\"}\n  {\"name\": \"b\"}\n]}"),
            (SchemaFormat.Avro, "wrong.avsc", "{\"type\": \"record\", \"name\": \"A\", \"fields\": [{\"name\": \"a\", \"type\": \"nosuchtype\"}]}"),
            (SchemaFormat.GraphQL, "broken.graphql", "type Query {\n  user(id: ID!): User\n  broken(: String\n}\n"),
            (SchemaFormat.GraphQL, "unclosed.graphql", "type Query {\n  a: String\n"),
            (SchemaFormat.GraphQL, "undefined.graphql", "type Query {\n  a: Missing\n}\n"),
            (SchemaFormat.Protobuf, "broken.proto", "syntax = \"proto3\";\nmessage A {\n  string a = 1\n  int32 b = 2;\n}\n"),
            (SchemaFormat.Protobuf, "unclosed.proto", "syntax = \"proto3\";\nmessage A {\n  string a = 1;\n"),
            (SchemaFormat.OpenApi, "broken.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: [unclosed\n"),
            (SchemaFormat.OpenApi, "broken.json", "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {\"/a\": }}"),
            (SchemaFormat.Dbt, "broken.json", "{\"metadata\": {}, \"nodes\": {\"model.a.b\": {\"resource_type\": \"model\",}}\n"),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (format, name, text) in rows.Where(r => SchemaEngine.IsSupported(r.Format)))
        {
            data.Add(format.ToWire(), name, text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Parse_BrokenDocument_IsAParseErrorNamingThePlace(string format, string name, string text)
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => Engine.Parse(new SchemaSource(text, name), Format(format)));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Location?.Line is not null || !string.IsNullOrEmpty(ex.Location?.Pointer), $"no line or pointer in: {ex.Message}");
    }

    /// <summary>(format, file name, 100,000-deep document in that format's own syntax).</summary>
    public static TheoryData<string, string, string> DeeplyNested()
    {
        var rows = new List<(SchemaFormat Format, string Name, Func<string> Text)>
        {
            (SchemaFormat.JsonSchema, "deep-properties.json", () => Repeat("{\"type\": \"object\", \"properties\": {\"a\": ", Deep) + "{}" + Repeat("}}", Deep)),
            (SchemaFormat.JsonSchema, "deep-items.yaml", () => "type: array\nitems: " + Repeat("{type: array, items: ", Deep) + "{}" + Repeat("}", Deep) + "\n"),
            (SchemaFormat.Avro, "deep-arrays.avsc", () => Repeat("{\"type\": \"array\", \"items\": ", Deep) + "\"long\"" + Repeat("}", Deep)),
            (SchemaFormat.Avro, "deep-records.avsc", () => DeepAvroRecords(Deep)),
            (SchemaFormat.GraphQL, "deep-list.graphql", () => "type Query {\n  a: " + Repeat("[", Deep) + "String" + Repeat("]", Deep) + "\n}\n"),
            (SchemaFormat.GraphQL, "deep-default.graphql", () => "input In { a: In }\ntype Query {\n  a(x: In = " + Repeat("{a: ", Deep) + "null" + Repeat("}", Deep) + "): String\n}\n"),
            (SchemaFormat.GraphQL, "deep-list-default.graphql", () => "type Query {\n  a(x: [Int] = " + Repeat("[", Deep) + "1" + Repeat("]", Deep) + "): String\n}\n"),
            (SchemaFormat.GraphQL, "deep-introspection.json", () => DeepIntrospection(Deep)),
            (SchemaFormat.Protobuf, "deep-messages.proto", () => "syntax = \"proto3\";\n" + Repeat("message M { ", Deep) + "string a = 1;" + Repeat(" }", Deep) + "\n"),
            (SchemaFormat.Protobuf, "deep-options.proto", () => "syntax = \"proto3\";\nimport \"google/protobuf/descriptor.proto\";\nmessage A {\n  string a = 1 [(x) = " + Repeat("{ b: ", Deep) + "1" + Repeat(" }", Deep) + "];\n}\n"),
            (SchemaFormat.OpenApi, "deep-schema.yaml", () => "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: " + Repeat("{type: array, items: ", Deep) + "{type: string}" + Repeat("}", Deep) + "\n"),
            (SchemaFormat.OpenApi, "deep-schema.json", () => "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}, \"components\": {\"schemas\": {\"A\": " + Repeat("{\"type\": \"object\", \"properties\": {\"a\": ", Deep) + "{}" + Repeat("}}", Deep) + "}}}"),
            (SchemaFormat.Dbt, "deep-manifest.json", () => "{\"metadata\": {}, \"nodes\": {\"model.a.b\": {\"resource_type\": \"model\", \"name\": \"b\", \"meta\": " + Repeat("{\"a\": ", Deep) + "1" + Repeat("}", Deep) + "}}}"),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (format, name, text) in rows.Where(r => SchemaEngine.IsSupported(r.Format)))
        {
            data.Add(format.ToWire(), name, text());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public void Parse_100000DeepNesting_StopsAtALimitNamingIt(string format, string name, string text)
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => Engine.Parse(new SchemaSource(text, name), Format(format)));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SchemaLimits.MaxDepth), ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Every implemented format rejects a 50 MB document before reading it.</summary>
    public static TheoryData<string> Formats()
    {
        var data = new TheoryData<string>();
        foreach (var format in SchemaEngine.Formats)
        {
            data.Add(format.Format.ToWire());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Parse_50MegabyteDocument_StopsAtMaxInputChars(string format)
    {
        var text = "{\"a\": \"" + new string('x', 50 * 1024 * 1024) + "\"}";

        var ex = Assert.Throws<SchemaLimitException>(() => Engine.Parse(new SchemaSource(text, "huge.txt"), Format(format)));

        Assert.Equal(nameof(SchemaLimits.MaxInputChars), ex.LimitName);
    }

    /// <summary>Formats for which an empty document is an error (an empty .proto file is a valid, empty file).</summary>
    public static TheoryData<string> FormatsWithContent()
    {
        var data = new TheoryData<string>();
        foreach (var format in SchemaEngine.Formats.Where(f => f.Format != SchemaFormat.Protobuf))
        {
            data.Add(format.Format.ToWire());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsWithContent))]
    public void Parse_EmptyDocument_IsAParseError(string format)
    {
        var ex = Assert.ThrowsAny<SchemaParseException>(() => Engine.Parse(new SchemaSource("  \n", "empty.txt"), Format(format)));

        Assert.Contains("empty.txt", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Parse_BinaryGarbage_IsAParseError(string format)
    {
        var random = new Random(99);
        var bytes = new byte[32 * 1024];
        random.NextBytes(bytes);

        var ex = Assert.ThrowsAny<SchemaParseException>(() => Engine.Parse(new SchemaSource(Encoding.UTF8.GetString(bytes), "garbage.bin"), Format(format)));

        Assert.Contains("garbage.bin", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The billion-laughs document in each format that reads YAML.</summary>
    public static TheoryData<string> YamlFormats()
    {
        var data = new TheoryData<string>();
        foreach (var format in new[] { SchemaFormat.JsonSchema, SchemaFormat.OpenApi, SchemaFormat.Avro, SchemaFormat.Dbt }.Where(SchemaEngine.IsSupported))
        {
            data.Add(format.ToWire());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(YamlFormats))]
    public void Parse_YamlAliasBomb_StopsAtALimit(string format)
    {
        var sb = new StringBuilder(format == "openapi" ? "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n" : "type: object\n");
        sb.Append("x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 9; level++)
        {
            sb.Append($"x-a{level}: &a{level} [").AppendJoin(", ", Enumerable.Repeat($"*a{level - 1}", 10)).Append("]\n");
        }

        var ex = Assert.Throws<SchemaLimitException>(() => Engine.Parse(new SchemaSource(sb.ToString(), "bomb.yaml"), Format(format)));

        Assert.True(ex.LimitName is nameof(SchemaLimits.MaxNodes) or nameof(SchemaLimits.MaxYamlAliases), ex.Message);
    }

    [Fact]
    public void DiffJsonSchema_RefCycle_EndsWithoutCrashing()
    {
        const string cyclic = """
            {"$ref": "#/definitions/a", "definitions": {
              "a": {"type": "object", "properties": {"next": {"$ref": "#/definitions/b"}, "x": {"type": "string"}}},
              "b": {"type": "object", "properties": {"next": {"$ref": "#/definitions/a"}}}}}
            """;
        var changed = cyclic.Replace("\"x\": {\"type\": \"string\"}", "\"x\": {\"type\": \"integer\"}", StringComparison.Ordinal);

        var diff = Engine.Diff(Engine.Parse(new SchemaSource(cyclic, "old.json"), SchemaFormat.JsonSchema), Engine.Parse(new SchemaSource(changed, "new.json"), SchemaFormat.JsonSchema));

        Assert.Contains(diff.Findings, f => f.Path.Contains("x", StringComparison.Ordinal));
    }

    [Fact]
    public void DiffJsonSchema_RefExpansionBomb_IsBounded()
    {
        // d30 refers to d29 twice, d29 to d28 twice, ...: inlining every $ref would build 2^30 nodes.
        var sb = new StringBuilder("{\"$ref\": \"#/definitions/d30\", \"definitions\": {\"d0\": {\"type\": \"string\"}");
        for (var i = 1; i <= 30; i++)
        {
            sb.Append($", \"d{i}\": {{\"type\": \"object\", \"properties\": {{\"l\": {{\"$ref\": \"#/definitions/d{i - 1}\"}}, \"r\": {{\"$ref\": \"#/definitions/d{i - 1}\"}}}}}}");
        }

        var bomb = sb.Append("}}").ToString();
        var changed = bomb.Replace("\"d0\": {\"type\": \"string\"}", "\"d0\": {\"type\": \"integer\"}", StringComparison.Ordinal);

        var outcome = Record.Exception(() => Engine.Diff(Engine.Parse(new SchemaSource(bomb, "old.json"), SchemaFormat.JsonSchema),
            Engine.Parse(new SchemaSource(changed, "new.json"), SchemaFormat.JsonSchema)));

        Assert.True(outcome is null or SchemaLimitException, outcome?.ToString());
    }

    private static SchemaFormat Format(string wire) =>
        SchemaFormats.TryParse(wire, out var format) ? format.Value : throw new ArgumentException(wire, nameof(wire));

    private static string DeepAvroRecords(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append("{\"type\": \"record\", \"name\": \"R").Append(i).Append("\", \"fields\": [{\"name\": \"f\", \"type\": ");
        }

        sb.Append("\"long\"");
        return sb.Append(Repeat("}]}", depth)).ToString();
    }

    private static string DeepIntrospection(int depth) =>
        "{\"__schema\": {\"queryType\": {\"name\": \"Query\"}, \"types\": [{\"kind\": \"OBJECT\", \"name\": \"Query\", \"fields\": [{\"name\": \"a\", \"args\": [], \"type\": "
        + Repeat("{\"kind\": \"LIST\", \"name\": null, \"ofType\": ", depth) + "{\"kind\": \"SCALAR\", \"name\": \"String\", \"ofType\": null}" + Repeat("}", depth)
        + "}], \"interfaces\": []}]}}";
}