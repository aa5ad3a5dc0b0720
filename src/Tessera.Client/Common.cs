using System.Text.Json.Nodes;

namespace Tessera.Client;

/// <summary>The pagination envelope of every list: <c>{results, total, limit, offset}</c>.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Results, int Total, int Limit, int Offset);

/// <summary>The error envelope: <c>{"error": {code, message, request_id, timestamp, details?}}</c>.</summary>
public sealed record ErrorResponse(ErrorBody Error);

public sealed record ErrorBody(string Code, string Message, string? RequestId, string? Timestamp, JsonObject? Details);

public sealed record HealthResponse(string Status, string? Version, string? Database);