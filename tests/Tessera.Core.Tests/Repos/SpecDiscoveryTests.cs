using Tessera.Core.Repos;

namespace Tessera.Core.Tests.Repos;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SpecDiscoveryTests : IDisposable
{
    private const string OpenApi = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    private const string Proto = "syntax = \"proto3\";\npackage x;\nmessage M { string a = 1; }\n";
    private const string Sdl = "type Query { a: String }\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "tessera-discovery-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "tessera-outside-" + Guid.NewGuid().ToString("N")[..12]);

    public SpecDiscoveryTests()
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
    }

    public void Dispose()
    {
        CloneDirectory.Delete(_root);
        CloneDirectory.Delete(_outside);
    }

    private SpecDiscoveryTests Write(string path, string content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    private DiscoveryResult Discover(params string[] specPaths) => SpecDiscovery.Discover(_root, specPaths, new DiscoveryLimits());

    [Fact]
    public void Discover_Directory_ScansRecursivelyAndClassifies()
    {
        Write("api/orders/openapi.yaml", OpenApi).Write("api/orders.json", "{\"openapi\": \"3.1.0\", \"paths\": {}}")
            .Write("api/swagger.yml", "swagger: '2.0'\n").Write("api/deep/x/y/users.proto", Proto).Write("api/schema.graphql", Sdl)
            .Write("api/other.gql", Sdl).Write("api/config.yaml", "replicas: 3\n").Write("api/package.json", "{\"name\": \"x\"}")
            .Write("api/README.md", "# hi").Write("elsewhere/openapi.yaml", OpenApi);

        var result = Discover("api/");

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["api/deep/x/y/users.proto:Grpc", "api/orders.json:OpenApi", "api/orders/openapi.yaml:OpenApi", "api/other.gql:GraphQL", "api/schema.graphql:GraphQL", "api/swagger.yml:OpenApi"],
            result.Specs.Select(s => $"{s.Path}:{s.Kind}"));
        Assert.Equal(OpenApi, result.Specs.Single(s => s.Path == "api/orders/openapi.yaml").Content);
    }

    [Fact]
    public void Discover_FileAndGlob_AndGlobRetriedUnderAnyFolder()
    {
        Write("specs/a.graphql", Sdl).Write("specs/b.graphql", Sdl).Write("one/openapi.yaml", OpenApi).Write("x/y/z/service.proto", Proto)
            .Write("notes.graphql", Sdl);

        var result = Discover("one/openapi.yaml", "specs/*.graphql", "*.proto");

        Assert.Empty(result.Errors);
        Assert.Equal(["one/openapi.yaml", "specs/a.graphql", "specs/b.graphql", "x/y/z/service.proto"], result.Specs.Select(s => s.Path));
    }

    [Fact]
    public void Discover_RepositoryRoot_WithDot()
    {
        Write("a/openapi.yaml", OpenApi).Write("b.graphql", Sdl);

        Assert.Equal(["a/openapi.yaml", "b.graphql"], Discover(".").Specs.Select(s => s.Path));
        Assert.Equal(["a/openapi.yaml", "b.graphql"], Discover("./").Specs.Select(s => s.Path));
    }

    [Fact]
    public void Discover_HiddenAndVendoredFolders_Skipped()
    {
        Write("api/.hidden/openapi.yaml", OpenApi).Write("api/.secret.graphql", Sdl).Write("api/node_modules/pkg/openapi.yaml", OpenApi)
            .Write("api/vendor/lib.proto", Proto).Write("api/__pycache__/x.graphql", Sdl).Write("api/.git/x.graphql", Sdl)
            .Write("node_modules/openapi.yaml", OpenApi).Write("api/kept.graphql", Sdl);

        var result = Discover("api", "**/*.yaml", "node_modules/openapi.yaml", ".hidden/*.yaml");

        Assert.Equal(["api/kept.graphql"], result.Specs.Select(s => s.Path));
        Assert.Contains(result.Warnings, w => w.Contains("node_modules/openapi.yaml", StringComparison.Ordinal) && w.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_SymlinkedFilesAndFolders_SkippedEvenWhenNamed()
    {
        File.WriteAllText(Path.Combine(_outside, "secret.graphql"), "type Query { secret: String }");
        Directory.CreateDirectory(Path.Combine(_outside, "dir"));
        File.WriteAllText(Path.Combine(_outside, "dir", "openapi.yaml"), OpenApi);
        Write("api/real.graphql", Sdl);
        File.CreateSymbolicLink(Path.Combine(_root, "api", "link.graphql"), Path.Combine(_outside, "secret.graphql"));
        File.CreateSymbolicLink(Path.Combine(_root, "api", "inner.graphql"), "real.graphql");
        Directory.CreateSymbolicLink(Path.Combine(_root, "api", "linked-dir"), Path.Combine(_outside, "dir"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "outside"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "api", "loop"), _root);

        var result = Discover("api/", "api/link.graphql", "outside/", "outside/dir/openapi.yaml", "api/linked-dir/*.yaml", "**/*.graphql");

        Assert.Equal(["api/real.graphql"], result.Specs.Select(s => s.Path));
        Assert.DoesNotContain(result.Specs, s => s.Content.Contains("secret", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'api/link.graphql' is a symbolic link", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'outside' is a symbolic link", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../outside", "'..'")]
    [InlineData("api/../../etc", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("~/x", "absolute")]
    [InlineData("C:/x", "absolute")]
    [InlineData("api\\x", "'/'")]
    [InlineData("  ", "empty")]
    public void Discover_SpecPathsEscapingTheClone_ReportedAndNotRead(string specPath, string reason)
    {
        Write("api/a.graphql", Sdl);

        var result = Discover(specPath, "api/");

        Assert.Contains(result.Errors, e => e.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(["api/a.graphql"], result.Specs.Select(s => s.Path));
    }

    [Fact]
    public void Discover_NonUtf8_SkippedWithWarning()
    {
        Write("api/good.graphql", Sdl);
        File.WriteAllBytes(Path.Combine(_root, "api", "latin1.graphql"), [0x74, 0x79, 0x70, 0x65, 0x20, 0xE9, 0xFF, 0x0A]);

        var result = Discover("api");

        Assert.Equal(["api/good.graphql"], result.Specs.Select(s => s.Path));
        Assert.Contains(result.Warnings, w => w == "api/latin1.graphql: skipped: not UTF-8 text");
    }

    [Fact]
    public void Discover_Utf8Bom_Stripped()
    {
        File.WriteAllBytes(Path.Combine(_root, "bom.graphql"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Sdl)]);

        Assert.Equal(Sdl, Assert.Single(Discover(".").Specs).Content);
    }

    [Fact]
    public void Discover_SpecLargerThanLimit_ErrorForThatFileOnly()
    {
        Write("api/big.graphql", "type Query { a: String }\n" + new string('#', 2_000)).Write("api/small.graphql", Sdl);

        var result = SpecDiscovery.Discover(_root, ["api"], new DiscoveryLimits(MaxSpecBytes: 1_000));

        Assert.Equal(["api/small.graphql"], result.Specs.Select(s => s.Path));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("api/big.graphql: ", error, StringComparison.Ordinal);
        Assert.Contains("TESSERA_SYNC_MAX_SPEC_BYTES", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_BrokenYaml_ErrorForThatFileOnly()
    {
        Write("api/broken.yaml", "openapi: 3.0.0\npaths: [unclosed\n").Write("api/ok.yaml", OpenApi);

        var result = Discover("api");

        Assert.Equal(["api/ok.yaml"], result.Specs.Select(s => s.Path));
        Assert.StartsWith("api/broken.yaml: ", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_MoreEntriesThanTheCap_StopsWithAnError()
    {
        for (var i = 0; i < 50; i++)
        {
            Write($"api/f{i:00}.graphql", Sdl);
        }

        var result = SpecDiscovery.Discover(_root, ["api"], new DiscoveryLimits(MaxFiles: 10));

        Assert.True(result.Specs.Count < 10);
        Assert.Contains(result.Errors, e => e.Contains("TESSERA_SYNC_MAX_FILES", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_MissingPath_Warning()
    {
        Write("api/a.graphql", Sdl);

        var result = Discover("nope/", "api");

        Assert.Contains("Spec path 'nope/' matched no files", result.Warnings);
        Assert.Single(result.Specs);
    }

    [Fact]
    public void Discover_ProtoSpecs_LibraryHoldsEveryProtoOfTheRepository()
    {
        Write("proto/orders/v1/orders.proto", Proto).Write("third_party/google/type/money.proto", Proto).Write("vendor/skipped.proto", Proto);

        var result = Discover("proto/");

        Assert.Equal(["proto/orders/v1/orders.proto"], result.Specs.Select(s => s.Path));
        Assert.Equal(["proto/orders/v1/orders.proto", "third_party/google/type/money.proto"], result.ProtoLibrary.Select(s => s.Path));
    }

    [Fact]
    public void Discover_SameFileFromSeveralSpecPaths_ListedOnce()
    {
        Write("api/a.graphql", Sdl);

        Assert.Single(Discover("api", "api/a.graphql", "**/*.graphql").Specs);
    }
}