using System.Text.Json;

namespace Tessera.Core.Common;

public enum ResourceType { ApiEndpoint, GraphqlQuery, GrpcService, Model, Source, Seed, Snapshot, Other }

public enum GuaranteeMode { Notify, Strict, Ignore }

public enum SemverMode { Auto, Suggest, Enforce }

public enum ContractStatus { Active, Deprecated, Retired }

public enum ContractCompatibility { Backward, Forward, Full, None, BackwardTransitive, ForwardTransitive, FullTransitive }

/// <summary>
/// The format a contract was submitted in (<c>schema_format</c>). A hand publish takes <c>json_schema</c> or <c>avro</c>;
/// the importers also record <c>openapi</c>, <c>graphql</c>, <c>protobuf</c> and <c>dbt</c> (the contract then points at its
/// original document with a selector).
/// </summary>
public enum StoredSchemaFormat { JsonSchema, Avro, Openapi, Graphql, Protobuf, Dbt }

public enum RegistrationStatus { Active, Migrating, Inactive }

public enum ProposalStatus { Pending, Approved, Published, Rejected, Withdrawn, Expired }

public enum AcknowledgmentResponse { Approved, Blocked, Migrating }

public enum DependencyType { Consumes, References, Transforms }

public enum DependencySource { Manual, Otel, Inferred }

public enum UserType { Human, Bot }

public enum UserRole { Admin, TeamAdmin, User }

public enum ApiScope { Read, Write, Admin }

public enum VersionChange { Patch, Minor, Major }

/// <summary>Wire and storage names of enums: lower snake case (<c>api_endpoint</c>).</summary>
public static class EnumText
{
    public static string ToWire<T>(this T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static T Parse<T>(string text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"Unknown {typeof(T).Name} '{text}'.");

    public static string Allowed<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => v.ToWire()));
}