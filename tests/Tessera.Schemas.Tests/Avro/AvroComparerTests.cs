using static Tessera.Schemas.Tests.Avro.AvroTestDocuments;

namespace Tessera.Schemas.Tests.Avro;

public sealed class AvroComparerTests
{
    [Fact]
    public void Compare_SameSchemaWithOtherKeyOrderAndFormatting_HasNoFindings()
    {
        const string compact = """{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"tags","type":{"type":"array","items":"string"},"default":[]}]}""";
        const string reordered = """
            {
              "fields": [
                { "type": "long", "name": "id" },
                { "default": [], "name": "tags", "type": { "items": "string", "type": "array" } }
              ],
              "namespace": "com.acme",
              "name": "User",
              "type": "record"
            }
            """;

        Assert.Empty(Diff(compact, reordered));
    }

    [Fact]
    public void Compare_FullNameReferenceInsteadOfShortName_HasNoFindings()
    {
        var shortRef = Record("""{"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},{"name":"b","type":"E"}""");
        var fullRef = Record("""{"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},{"name":"b","type":"com.acme.E"}""");

        Assert.Empty(Diff(shortRef, fullRef));
    }

    [Fact]
    public void Compare_ChangeInsideSharedNamedType_IsReportedOnceUnderItsFullName()
    {
        var oldJson = Record("""
            {"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"}]}},
            {"name":"work","type":"Address"}
            """);
        var newJson = Record("""
            {"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"},{"name":"zip","type":"string"}]}},
            {"name":"work","type":"Address"}
            """);

        var finding = Assert.Single(Diff(oldJson, newJson));

        Assert.Equal("avro.field_added_without_default", finding.RuleId);
        Assert.Equal("com.acme.Address.zip", finding.Path);
    }

    [Fact]
    public void Compare_FieldRemovedWithoutDefault_SaysConsumersLoseItAndBreaksForwardOnly()
    {
        var finding = Assert.Single(Diff(Record("""{"name":"id","type":"long"},{"name":"email","type":"string"}"""), Record("""{"name":"id","type":"long"}""")));

        Assert.Equal("avro.field_removed", finding.RuleId);
        Assert.Equal(Severity.Safe, finding.Backward);
        Assert.Equal(Severity.Breaking, finding.Forward);
        Assert.Contains("no longer see it", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NestedArraysBeyondMaxDepth_ReportsUnknownInsteadOfRecursingFurther()
    {
        static string Nested(string leaf) => string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 12)) + leaf + new string('}', 12);

        var engine = new SchemaEngine();
        var oldDocument = Parse(Nested("\"int\""));
        var newDocument = Parse(Nested("\"string\""));
        var findings = new Tessera.Schemas.Avro.AvroFormat().Compare(oldDocument, newDocument, new SchemaLimits { MaxDepth = 5 });

        var finding = Assert.Single(findings);
        Assert.Equal("avro.unknown", finding.RuleId);
        Assert.Equal(Severity.Unknown, finding.Backward);
        Assert.NotEmpty(engine.Diff(oldDocument, newDocument).Findings);
    }

    [Fact]
    public void Compare_MutuallyRecursiveRecordsRenamed_Terminates()
    {
        static string Doc(string b) =>
            $$$"""{"type":"record","name":"A","fields":[{"name":"b","type":["null",{"type":"record","name":"{{{b}}}","fields":[{"name":"a","type":["null","A"],"default":null}]}],"default":null}]}""";

        var findings = Diff(Doc("B"), Doc("C"));

        var renamed = Assert.Single(findings);
        Assert.Equal("avro.named_type_renamed", renamed.RuleId);
        Assert.Equal(Severity.Breaking, renamed.Backward);
    }

    [Fact]
    public void Compare_WriterUnionIntoReaderUnion_EachWriterBranchMustResolve()
    {
        var findings = Diff(Record("""{"name":"v","type":["null","int","string"],"default":null}"""), Record("""{"name":"v","type":["null","long"],"default":null}"""));

        var promoted = Assert.Single(findings, f => f.RuleId == "avro.type_promoted");
        var removed = Assert.Single(findings, f => f.RuleId == "avro.union_branch_removed");
        Assert.Equal("int", (string?)promoted.OldValue);
        Assert.Equal("string", (string?)removed.OldValue);
        Assert.Equal(Severity.Breaking, removed.Backward);
    }

    [Fact]
    public void Check_BackwardTransitive_CatchesAFieldOnlyAnOlderVersionLacks()
    {
        var engine = new SchemaEngine();
        var v1 = Parse(Record("""{"name":"id","type":"long"}"""));
        var v2 = Parse(Record("""{"name":"id","type":"long"},{"name":"email","type":"string","default":""}"""));
        var v3 = Parse(Record("""{"name":"id","type":"long"},{"name":"email","type":"string"}"""));

        var plain = engine.Check([("1", v1), ("2", v2)], v3, CompatibilityMode.Backward);
        var transitive = engine.Check([("1", v1), ("2", v2)], v3, CompatibilityMode.BackwardTransitive);

        Assert.True(plain.IsCompatible);
        Assert.False(transitive.IsCompatible);
        Assert.Equal("avro.field_added_without_default", Assert.Single(transitive.Transitive).RuleId);
    }

    [Fact]
    public void CanRead_ChainOfRecordsDeeperThanMaxDepth_AnswersUnknownWithoutOverflowing()
    {
        var branches = new List<string> { """{"type":"record","name":"R0","fields":[{"name":"v","type":"int"}]}""" };
        for (var i = 1; i < 3000; i++)
        {
            branches.Add($$$"""{"type":"record","name":"R{{{i}}}","fields":[{"name":"next","type":"R{{{i - 1}}}"}]}""");
        }

        var document = Parse("[" + string.Join(",", branches) + "]");
        var last = ((Tessera.Schemas.Avro.AvroUnion)document.Root).Branches[^1];

        var answer = new Tessera.Schemas.Avro.AvroResolution(SchemaLimits.Default).CanRead(last, last);

        Assert.Equal(Tessera.Schemas.Avro.Resolution.Unknown, answer);
    }

    [Fact]
    public void Compare_LargeUnionOfChainedRecords_ReportsOnlyTheChangedRecord()
    {
        static string Doc(string leafType)
        {
            var branches = new List<string> { $$$"""{"type":"record","name":"R0","fields":[{"name":"v","type":"{{{leafType}}}"}]}""" };
            for (var i = 1; i < 3000; i++)
            {
                branches.Add($$$"""{"type":"record","name":"R{{{i}}}","fields":[{"name":"next","type":"R{{{i - 1}}}"}]}""");
            }

            return "[" + string.Join(",", branches) + "]";
        }

        var finding = Assert.Single(Diff(Doc("int"), Doc("long")));

        Assert.Equal("R0.v", finding.Path);
        Assert.Equal("avro.type_promoted", finding.RuleId);
    }
}