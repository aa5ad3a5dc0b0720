using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Protobuf;

/// <summary>Comparisons the golden folders cannot express (different imports per side, whole-engine checks).</summary>
public sealed class ProtobufComparerTests
{
    private static readonly SchemaEngine Engine = new();

    private static DiffResult Diff(string oldText, string newText,
        IReadOnlyDictionary<string, string>? oldImports = null, IReadOnlyDictionary<string, string>? newImports = null) =>
        Engine.Diff(
            Engine.Parse(new SchemaSource(oldText, "api.proto", oldImports), SchemaFormat.Protobuf),
            Engine.Parse(new SchemaSource(newText, "api.proto", newImports), SchemaFormat.Protobuf));

    private const string Main = """
        syntax = "proto3";
        package billing;
        import "common/money.proto";
        message Invoice { common.Money total = 1; }
        service Billing { rpc Get(Invoice) returns (Invoice); }
        """;

    [Fact]
    public void Compare_FieldRemovedInAnImportedFile_IsReportedAtTheImportedMessage()
    {
        var before = new Dictionary<string, string> { ["common/money.proto"] = "syntax = \"proto3\";\npackage common;\nmessage Money { string currency = 1; int64 units = 2; }\n" };
        var after = new Dictionary<string, string> { ["common/money.proto"] = "syntax = \"proto3\";\npackage common;\nmessage Money { string currency = 1; }\n" };

        var diff = Diff(Main, Main, before, after);

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("protobuf.field_removed", finding.RuleId);
        Assert.Equal("common.Money.units", finding.Path);
        Assert.Equal(ChangeDirection.Data, finding.Direction); // used by both request and response
        Assert.False(diff.IsCompatible(CompatibilityMode.Backward));
    }

    [Fact]
    public void Compare_SameDocument_HasNoFindingsAndIsCompatible()
    {
        var imports = new Dictionary<string, string> { ["common/money.proto"] = "syntax = \"proto3\";\npackage common;\nmessage Money { int64 units = 1; }\n" };

        var diff = Diff(Main, Main, imports, imports);

        Assert.Empty(diff.Findings);
        Assert.True(diff.IsCompatible(CompatibilityMode.Full));
    }

    [Fact]
    public void Compare_PackageRenamed_ReportsOnlyThePackageNotEveryElement()
    {
        var diff = Diff(
            "syntax = \"proto3\";\npackage a.v1;\nmessage M { string x = 1; }\nservice S { rpc Do(M) returns (M); }\n",
            "syntax = \"proto3\";\npackage a.v2;\nmessage M { string x = 1; }\nservice S { rpc Do(M) returns (M); }\n");

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("protobuf.package_changed", finding.RuleId);
        Assert.Equal(Severity.Breaking, finding.Backward);
    }

    [Fact]
    public void Compare_FieldAddedToProto3Message_IsMinorNotMajor()
    {
        // §8.20: the original marked every proto3 field required, so adding one was major.
        var diff = Diff("syntax = \"proto3\";\nmessage M { string a = 1; }\n", "syntax = \"proto3\";\nmessage M { string a = 1; string b = 2; }\n");

        Assert.Equal(ChangeType.Minor, diff.ChangeType);
        Assert.True(diff.IsCompatible(CompatibilityMode.Full));
    }

    [Fact]
    public void Compare_FieldsSwappedNumbers_ReportsBothRenumberings()
    {
        var diff = Diff("syntax = \"proto3\";\nmessage M { string a = 1; string b = 2; }\n", "syntax = \"proto3\";\nmessage M { string a = 2; string b = 1; }\n");

        Assert.Equal(["M.a", "M.b"], diff.Findings.Select(f => f.Path));
        Assert.All(diff.Findings, f => Assert.Equal("protobuf.field_renumbered", f.RuleId));
    }

    [Fact]
    public void Compare_FieldRenumberedAndOldNumberTakenByNewField_ReportsRenumberAndReuse()
    {
        var diff = Diff("syntax = \"proto3\";\nmessage M { string a = 1; }\n", "syntax = \"proto3\";\nmessage M { string a = 2; int32 c = 1; }\n");

        Assert.Equal(["protobuf.field_renumbered", "protobuf.field_number_reused"], diff.Findings.Select(f => f.RuleId));
        Assert.Equal(["M.a", "M.c"], diff.Findings.Select(f => f.Path));
    }

    [Fact]
    public void Compare_MessageUsedOnlyInResponses_SwapsTheSeverityColumns()
    {
        const string Before = "syntax = \"proto3\";\nmessage Req { int64 n = 1; }\nmessage Res { int32 n = 1; }\nservice S { rpc Do(Req) returns (Res); }\n";
        const string After = "syntax = \"proto3\";\nmessage Req { int32 n = 1; }\nmessage Res { int64 n = 1; }\nservice S { rpc Do(Req) returns (Res); }\n";

        var diff = Diff(Before, After);

        var request = diff.Findings.Single(f => f.Path == "Req.n");
        var response = diff.Findings.Single(f => f.Path == "Res.n");
        // Request int64 -> int32: the new server reads old clients' int64 values into an int32 (may truncate).
        Assert.Equal((ChangeDirection.Input, Severity.Dangerous, Severity.Safe), (request.Direction, request.Backward, request.Forward));
        // Response int32 -> int64: old clients read the new server's int64 values into an int32 (may truncate).
        Assert.Equal((ChangeDirection.Output, Severity.Dangerous, Severity.Safe), (response.Direction, response.Backward, response.Forward));
    }

    [Fact]
    public void Compare_EveryRuleIsInTheCatalogue()
    {
        var ids = new ProtobufFormat().Rules.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("protobuf.", id, StringComparison.Ordinal));
        Assert.Contains("protobuf.unknown", ids);
    }

    [Fact]
    public void Compare_EnumChangedFromOpenToClosed_IsUnknown()
    {
        var diff = Diff(
            "edition = \"2023\";\nenum E { Z = 0; A = 1; }\n",
            "edition = \"2023\";\nenum E { option features.enum_type = CLOSED; Z = 0; A = 1; }\n");

        var finding = Assert.Single(diff.Findings);
        Assert.Equal("protobuf.unknown", finding.RuleId);
        Assert.Equal(Severity.Unknown, finding.Backward);
    }
}