using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Protobuf;

/// <summary>Large inputs (these took minutes before the comparer's indexes; timing itself belongs to the benchmarks).</summary>
public sealed class ProtobufComparerScaleTests
{
    private static readonly SchemaEngine Engine = new();

    private static DiffResult Diff(string oldText, string newText)
    {
        var oldDocument = Engine.Parse(new SchemaSource(oldText, "old.proto"), SchemaFormat.Protobuf);
        var newDocument = Engine.Parse(new SchemaSource(newText, "new.proto"), SchemaFormat.Protobuf);
        return Engine.Diff(oldDocument, newDocument);
    }

    [Fact]
    public void Compare_ThousandsOfRemovedMessages_FindsEveryChange()
    {
        var sb = new System.Text.StringBuilder("syntax = \"proto3\";\nmessage Root {\n");
        for (var i = 1; i <= 3000; i++)
        {
            sb.Append("  M").Append(i).Append(" f").Append(i).Append(" = ").Append(i).Append(";\n");
        }

        sb.Append("}\n");
        for (var i = 1; i <= 3000; i++)
        {
            sb.Append("message M").Append(i).Append(" { string a = 1; M").Append(i % 3000 + 1).Append(" next = 2; }\n");
        }

        var diff = Diff(sb.ToString(), "syntax = \"proto3\";\nmessage Root {}\n");

        Assert.Equal(6000, diff.Findings.Count); // 3000 fields and 3000 messages
    }

    [Fact]
    public void Compare_HugeOneofAndEnum_FindsEveryChange()
    {
        static string Build(bool moved)
        {
            var sb = new System.Text.StringBuilder("syntax = \"proto3\";\nmessage Big {\n");
            sb.Append(moved ? "  oneof g {\n" : "");
            for (var i = 1; i <= 4_000; i++)
            {
                sb.Append("  string f").Append(i).Append(" = ").Append(i).Append(";\n");
            }

            sb.Append(moved ? "  }\n" : "").Append("}\nenum E {\n  Z = 0;\n");
            for (var i = 1; i <= 4_000; i++)
            {
                sb.Append("  ").Append(moved ? "N" : "V").Append(i).Append(" = ").Append(i).Append(";\n");
            }

            return sb.Append("}\n").ToString();
        }

        var diff = Diff(Build(false), Build(true));

        Assert.Equal(8_000, diff.Findings.Count); // every field moved into the oneof, every enum value renamed
    }
}