using Tessera.Cli.Reports;
using Tessera.Schemas;

namespace Tessera.Cli.Tests;

public sealed class FindingGroupsTests
{
    [Theory]
    [InlineData("GET /users/{id} response 200 body.email", "GET /users/{id}")]
    [InlineData("POST /orders request body.items.price", "POST /orders")]
    [InlineData("DELETE /users/{id}", "DELETE /users/{id}")]
    [InlineData("User.email", "User")]
    [InlineData("Query.users(first)", "Query")]
    [InlineData("User", "User")]
    [InlineData("users.v1.User.email", "users.v1.User")]
    [InlineData("grpc.users.UserService/GetUser", "grpc.users.UserService")]
    [InlineData("properties.address.properties.city", "properties.address")]
    [InlineData("properties.tags.items.type", "properties.tags")]
    [InlineData("properties.name.maxLength", "properties.name")]
    [InlineData("properties.email", FindingGroups.Root)]
    [InlineData("required", FindingGroups.Root)]
    [InlineData("", FindingGroups.Root)]
    [InlineData("Mutation.create(input.name) argument", "Mutation")]
    [InlineData("com.acme.User.fields.email", "com.acme.User")]
    public void KeyOf_Path_IsTheLeadingCoordinate(string path, string expected) =>
        Assert.Equal(expected, FindingGroups.KeyOf(path));

    [Fact]
    public void Group_FindingOnAGroupCoordinate_JoinsThatGroup()
    {
        var removed = Findings.At("users.v1.Order", "message_removed", Severity.Breaking);
        var field = Findings.At("users.v1.Order.id", "field_added", Severity.Safe);
        var other = Findings.At("users.v1.User.name", "field_added", Severity.Safe);

        var groups = FindingGroups.Group([other, field, removed], CompatibilityMode.Backward);

        Assert.Equal(["users.v1.Order", "users.v1.User"], groups.Select(g => g.Key));
        Assert.Equal([removed, field], groups[0].Findings);
    }

    [Fact]
    public void Group_WithinAGroup_WorstSeverityUnderTheModeComesFirst()
    {
        var safe = Findings.At("GET /a response 200 body.x", "property_added", Severity.Safe, Severity.Breaking);
        var breaking = Findings.At("GET /a response 200 body.y", "property_removed", Severity.Breaking, Severity.Safe);

        Assert.Equal([breaking, safe], FindingGroups.Group([safe, breaking], CompatibilityMode.Backward).Single().Findings);
        Assert.Equal([safe, breaking], FindingGroups.Group([safe, breaking], CompatibilityMode.Forward).Single().Findings);
    }

    [Fact]
    public void Group_RootGroup_ComesFirstThenKeysInOrdinalOrder()
    {
        var groups = FindingGroups.Group(
            [Findings.At("properties.b.type", "type_changed", Severity.Breaking), Findings.At("required", "required_added", Severity.Breaking),
             Findings.At("properties.a.type", "type_changed", Severity.Breaking)],
            CompatibilityMode.Backward);

        Assert.Equal([FindingGroups.Root, "properties.a", "properties.b"], groups.Select(g => g.Key));
    }

    [Theory]
    [InlineData("GET /users/{id} response 200 body.email", "GET /users/{id}", "response 200 body.email")]
    [InlineData("User.email", "User", "email")]
    [InlineData("grpc.users.UserService/GetUser", "grpc.users.UserService", "GetUser")]
    [InlineData("User", "User", "")]
    [InlineData("properties.email", FindingGroups.Root, "properties.email")]
    public void Within_PathUnderKey_DropsTheKey(string path, string key, string expected) =>
        Assert.Equal(expected, FindingGroups.Within(path, key));
}