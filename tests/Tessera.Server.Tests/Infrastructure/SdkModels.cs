using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Server.Tests.Infrastructure;

/// <summary>
/// What the official Python SDK (tessera-sdk 0.1.4) needs from a response before it accepts it (api.md §6.2): its
/// models ignore unknown fields, but required fields must be present, non-null and of the right type, UUIDs and
/// datetimes must parse, and enum fields are strict even when optional. Each method fails the test the way the
/// SDK's model validation would fail the call.
/// </summary>
public static class SdkModels
{
    private static readonly string[] ChangeTypes = ["patch", "minor", "major"];
    private static readonly string[] CompatibilityModes = ["backward", "forward", "full", "none"];
    private static readonly string[] ContractStatuses = ["active", "deprecated", "retired"];
    private static readonly string[] RegistrationStatuses = ["active", "migrating", "inactive"];
    private static readonly string[] ProposalStatuses = ["pending", "approved", "rejected", "withdrawn"];
    private static readonly string[] Responses = ["approved", "blocked", "migrating"];
    private static readonly string[] DependencyTypes = ["consumes", "references", "transforms"];

    public static JsonObject Team(JsonNode? node)
    {
        var o = Model(node, "Team");
        Uuid(o, "id");
        Str(o, "name");
        Time(o, "created_at");
        OptionalObject(o, "metadata");
        return o;
    }

    public static JsonObject Asset(JsonNode? node)
    {
        var o = Model(node, "Asset");
        Uuid(o, "id");
        Str(o, "fqn");
        Uuid(o, "owner_team_id");
        Time(o, "created_at");
        OptionalObject(o, "metadata");
        return o;
    }

    public static JsonObject Contract(JsonNode? node)
    {
        var o = Model(node, "Contract");
        Uuid(o, "id");
        Uuid(o, "asset_id");
        Str(o, "version");
        Assert.True(o["schema_def"] is JsonObject || o["schema"] is JsonObject, $"Contract needs schema or schema_def as an object: {o.ToJsonString()}");
        Time(o, "published_at");
        Uuid(o, "published_by");
        OptionalEnum(o, "compatibility_mode", CompatibilityModes);
        OptionalEnum(o, "status", ContractStatuses);
        if (o["guarantees"] is { } guarantees)
        {
            var g = Assert.IsType<JsonObject>(guarantees);
            OptionalObject(g, "freshness");
            OptionalObject(g, "volume");
            if (g["nullability"] is JsonObject nullability)
            {
                Assert.All(nullability, p => Assert.Equal(JsonValueKind.String, p.Value?.GetValueKind()));
            }

            if (g["accepted_values"] is JsonObject accepted)
            {
                Assert.All(accepted, p => Assert.All(Assert.IsType<JsonArray>(p.Value), v => Assert.Equal(JsonValueKind.String, v?.GetValueKind())));
            }
        }

        return o;
    }

    public static JsonObject Registration(JsonNode? node)
    {
        var o = Model(node, "Registration");
        Uuid(o, "id");
        Uuid(o, "contract_id");
        Uuid(o, "consumer_team_id");
        Time(o, "registered_at");
        OptionalStr(o, "pinned_version");
        OptionalEnum(o, "status", RegistrationStatuses);
        OptionalTime(o, "acknowledged_at");
        return o;
    }

    public static JsonObject Proposal(JsonNode? node)
    {
        var o = Model(node, "Proposal");
        Uuid(o, "id");
        Uuid(o, "asset_id");
        Assert.IsType<JsonObject>(o["proposed_schema"]);
        Enum(o, "change_type", ChangeTypes);
        Uuid(o, "proposed_by");
        Time(o, "proposed_at");
        if (o["breaking_changes"] is { } changes)
        {
            Assert.All(Assert.IsType<JsonArray>(changes), BreakingChange);
        }

        OptionalEnum(o, "status", ProposalStatuses);
        OptionalTime(o, "resolved_at");
        OptionalArray(o, "affected_teams");
        OptionalArray(o, "affected_assets");
        OptionalArray(o, "objections");
        if (o["has_objections"] is { } has)
        {
            Assert.True(has.GetValueKind() is JsonValueKind.True or JsonValueKind.False, "has_objections must be a bool");
        }

        return o;
    }

    public static void BreakingChange(JsonNode? node)
    {
        var o = Model(node, "BreakingChange");
        Str(o, "type");
    }

    public static JsonObject Acknowledgment(JsonNode? node)
    {
        var o = Model(node, "Acknowledgment");
        Uuid(o, "id");
        Uuid(o, "proposal_id");
        Uuid(o, "consumer_team_id");
        Enum(o, "response", Responses);
        Time(o, "acknowledged_at");
        OptionalStr(o, "notes");
        return o;
    }

    public static JsonObject Dependency(JsonNode? node)
    {
        var o = Model(node, "Dependency");
        Uuid(o, "id");
        Uuid(o, "source_asset_id");
        Uuid(o, "target_asset_id");
        Enum(o, "dependency_type", DependencyTypes);
        Time(o, "created_at");
        OptionalObject(o, "metadata");
        return o;
    }

    public static JsonObject ContractDiff(JsonNode? node)
    {
        var o = Model(node, "ContractDiff");
        Str(o, "from_version");
        Str(o, "to_version");
        Enum(o, "change_type", ChangeTypes);
        if (o["breaking_changes"] is { } breaking)
        {
            Assert.All(Assert.IsType<JsonArray>(breaking), BreakingChange);
        }

        OptionalArray(o, "all_changes");
        return o;
    }

    public static JsonObject ImpactAnalysis(JsonNode? node)
    {
        var o = Model(node, "ImpactAnalysis");
        Uuid(o, "asset_id");
        Assert.True(o["safe_to_publish"]?.GetValueKind() is JsonValueKind.True or JsonValueKind.False, "safe_to_publish must be a bool");
        Enum(o, "change_type", ChangeTypes);
        if (o["breaking_changes"] is { } breaking)
        {
            Assert.All(Assert.IsType<JsonArray>(breaking), BreakingChange);
        }

        OptionalArray(o, "impacted_consumers");
        return o;
    }

    public static JsonObject PublishResult(JsonNode? node)
    {
        var o = Model(node, "PublishResult");
        Str(o, "message");
        if (o["contract"] is { } contract)
        {
            Contract(contract);
        }

        if (o["proposal"] is { } proposal)
        {
            Proposal(proposal);
        }

        return o;
    }

    public static JsonObject ProposalStatusResponse(JsonNode? node)
    {
        var o = Model(node, "ProposalStatusResponse");
        Proposal(o["proposal"]);
        Int(o, "required_acknowledgments");
        Int(o, "received_acknowledgments");
        OptionalArray(o, "pending_consumers");
        OptionalArray(o, "acknowledged_consumers");
        return o;
    }

    public static JsonObject LineageResponse(JsonNode? node)
    {
        var o = Model(node, "LineageResponse");
        Uuid(o, "asset_id");
        OptionalArray(o, "upstream");
        OptionalArray(o, "downstream");
        return o;
    }

    public static JsonObject ObjectionResponse(JsonNode? node)
    {
        var o = Model(node, "ObjectionResponse");
        Str(o, "action");
        Uuid(o, "proposal_id");
        Str(o, "asset_fqn");
        Assert.IsType<JsonObject>(o["objection"]);
        Int(o, "total_objections");
        Str(o, "note");
        return o;
    }

    private static JsonObject Model(JsonNode? node, string model)
    {
        Assert.True(node is JsonObject, $"{model}: expected a JSON object, got {node?.ToJsonString() ?? "null"}");
        return (JsonObject)node!;
    }

    private static string Str(JsonObject o, string field)
    {
        Assert.True(o[field]?.GetValueKind() == JsonValueKind.String, $"required string '{field}' missing or not a string: {o.ToJsonString()}");
        return (string)o[field]!;
    }

    private static void OptionalStr(JsonObject o, string field)
    {
        if (o[field] is { } value)
        {
            Assert.True(value.GetValueKind() == JsonValueKind.String, $"'{field}' must be a string or null: {o.ToJsonString()}");
        }
    }

    private static void Uuid(JsonObject o, string field) =>
        Assert.True(Guid.TryParseExact(Str(o, field), "D", out _), $"'{field}' is not a UUID: {o[field]}");

    private static void Time(JsonObject o, string field)
    {
        var text = Str(o, field);
        Assert.True(text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _), $"'{field}' is not an ISO-8601 datetime: {text}");
    }

    private static void OptionalTime(JsonObject o, string field)
    {
        if (o[field] is not null)
        {
            Time(o, field);
        }
    }

    private static void Int(JsonObject o, string field) =>
        Assert.True(o[field]?.GetValueKind() == JsonValueKind.Number && o[field]!.AsValue().TryGetValue<long>(out _),
            $"required integer '{field}' missing or not an integer: {o.ToJsonString()}");

    private static void Enum(JsonObject o, string field, string[] allowed)
    {
        var value = Str(o, field);
        Assert.True(allowed.Contains(value), $"'{field}' = '{value}' is not one of the SDK's values {string.Join(", ", allowed)}");
    }

    private static void OptionalEnum(JsonObject o, string field, string[] allowed)
    {
        if (o[field] is not null)
        {
            Enum(o, field, allowed);
        }
    }

    private static void OptionalObject(JsonObject o, string field)
    {
        if (o[field] is { } value)
        {
            Assert.True(value is JsonObject, $"'{field}' must be an object: {o.ToJsonString()}");
        }
    }

    private static void OptionalArray(JsonObject o, string field)
    {
        if (o[field] is { } value)
        {
            Assert.True(value is JsonArray, $"'{field}' must be a list: {o.ToJsonString()}");
        }
    }
}