using Tessera.Core.Repos;

namespace Tessera.Core.Tests.Repos;

public sealed class ProtoImportsTests
{
    private static SpecFile Proto(string path, string body) => new(path, SpecKind.Grpc, body);

    [Fact]
    public void Closure_FollowsImportsTransitivelyUnderTheirImportPaths()
    {
        var root = Proto("proto/orders/v1/orders.proto", "syntax = \"proto3\";\nimport \"orders/v1/common.proto\";\nimport public \"google/protobuf/timestamp.proto\";\n");
        var library = new[]
        {
            root,
            Proto("proto/orders/v1/common.proto", "syntax = \"proto3\";\n  import \"shared/money.proto\";\n"),
            Proto("third_party/shared/money.proto", "syntax = \"proto3\";\n"),
            Proto("broken/unrelated.proto", "this is not protobuf"),
        };

        var files = ProtoImports.Closure(root, library);

        Assert.Equal(["proto/orders/v1/orders.proto", "orders/v1/common.proto", "shared/money.proto"], files.Select(f => f.Path));
        Assert.Equal(library[2].Content, files[2].Content);
    }

    [Fact]
    public void Closure_AmbiguousOrMissingImports_LeftToTheParser()
    {
        var root = Proto("a.proto", "import \"x.proto\";\nimport \"missing.proto\";\n// import \"commented.proto\";\n");
        var library = new[] { root, Proto("one/x.proto", ""), Proto("two/x.proto", ""), Proto("commented.proto", "") };

        Assert.Equal(["a.proto"], ProtoImports.Closure(root, library).Select(f => f.Path));
    }

    [Fact]
    public void Closure_ImportCycle_Terminates()
    {
        var root = Proto("a.proto", "import \"b.proto\";");
        var library = new[] { root, Proto("b.proto", "import \"c.proto\";"), Proto("c.proto", "import \"b.proto\";\nimport \"a.proto\";") };

        Assert.Equal(["a.proto", "b.proto", "c.proto"], ProtoImports.Closure(root, library).Select(f => f.Path));
    }
}