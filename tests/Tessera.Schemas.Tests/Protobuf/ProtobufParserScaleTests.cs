using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Protobuf;

/// <summary>Inputs that would make protobuf-net's parser slow stop at MaxMembersPerType first.</summary>
public sealed class ProtobufParserScaleTests
{
    private static ProtobufDocument Parse(string text) =>
        (ProtobufDocument)new ProtobufFormat().Parse(new SchemaSource(text, "big.proto"), SchemaLimits.Default);

    private static string Message(string name, int fields)
    {
        var sb = new System.Text.StringBuilder("message ").Append(name).Append(" {\n");
        for (var i = 1; i <= fields; i++)
        {
            sb.Append("  string f").Append(i).Append(" = ").Append(i).Append(";\n");
        }

        return sb.Append("}\n").ToString();
    }

    [Fact]
    public void Parse_MessageAtTheMemberLimit_Parses()
    {

        var document = Parse("syntax = \"proto3\";\n" + Message("Big", SchemaLimits.Default.MaxMembersPerType));

        Assert.Equal(SchemaLimits.Default.MaxMembersPerType, document.Messages["Big"].Fields.Count);
    }

    [Fact]
    public void Parse_MessageOverTheMemberLimit_StopsBeforeParsing()
    {

        var ex = Assert.Throws<SchemaLimitException>(() => Parse("syntax = \"proto3\";\n" + Message("Big", 200_000)));

        Assert.Equal(nameof(SchemaLimits.MaxMembersPerType), ex.LimitName);
        Assert.Equal(SchemaLimits.Default.MaxMembersPerType + 3, ex.Location?.Line); // the first declaration past the limit
    }

    [Fact]
    public void Parse_ManyBlocksJustUnderTheLimit_StopAtTheTotalBudget()
    {
        var block = Message("M", SchemaLimits.Default.MaxMembersPerType - 1);
        var text = "syntax = \"proto3\";\n" + string.Concat(Enumerable.Range(0, 10).Select(i => block.Replace("message M ", "message M" + i + " ", StringComparison.Ordinal)));

        var ex = Assert.Throws<SchemaLimitException>(() => Parse(text));

        Assert.Equal(nameof(SchemaLimits.MaxMembersPerType), ex.LimitName);
    }

    [Fact]
    public void Parse_ManyTopLevelMessages_AreCountedAgainstTheLimit()
    {
        var text = "syntax = \"proto3\";\n" + string.Concat(Enumerable.Range(0, 6000).Select(i => "message M" + i + " {}\n"));

        var ex = Assert.Throws<SchemaLimitException>(() => Parse(text));

        Assert.Equal(nameof(SchemaLimits.MaxMembersPerType), ex.LimitName);
    }
}