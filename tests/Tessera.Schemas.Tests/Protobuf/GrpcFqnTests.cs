using Tessera.Schemas.Protobuf;

namespace Tessera.Schemas.Tests.Protobuf;

/// <summary>compatibility.md §7.6 item 69.</summary>
public sealed class GrpcFqnTests
{
    [Theory]
    [InlineData("users", "UserService", "GetUser", "grpc.users.UserService.GetUser")]
    [InlineData("", "Svc", "Do", "grpc.Svc.Do")]
    [InlineData("com.example.api", "Svc", "Call", "grpc.com_example_api.Svc.Call")]
    [InlineData("evil.real_team", "Svc", "Call", "grpc.evil_real_team.Svc.Call")]
    [InlineData("real_team", "Svc", "Call", "grpc.real_team.Svc.Call")]
    [InlineData("Users.V1", "UserService", "getUser", "grpc.Users_V1.UserService.getUser")]
    public void Create_SafeParts_JoinsThemKeepingCase(string package, string service, string method, string expected)
    {
        Assert.Equal(expected, GrpcFqn.Create(package, service, method));
    }

    [Fact]
    public void Create_PackagesThatOnlyShareASuffix_GiveDifferentFqns()
    {
        Assert.NotEqual(GrpcFqn.Create("evil.real_team", "Svc", "Call"), GrpcFqn.Create("real_team", "Svc", "Call"));
    }

    [Theory]
    [InlineData("evil/pkg", "Svc", "Call")]
    [InlineData("pkg", "Sv.c", "Call")]
    [InlineData("pkg", "Sv/c", "Call")]
    [InlineData("pkg", "Svc", "Ca.ll")]
    [InlineData("pkg", "Svc", "Ca/ll")]
    [InlineData("pkg..x", "Svc", "Call")]
    [InlineData("pkg", "", "Call")]
    [InlineData("pkg", "Svc", "1Call")]
    public void Create_UnsafeParts_RaiseUnsafeCharacters(string package, string service, string method)
    {
        var ex = Assert.Throws<SchemaParseException>(() => GrpcFqn.Create(package, service, method));

        Assert.Contains("unsafe characters", ex.Message, StringComparison.Ordinal);
    }
}