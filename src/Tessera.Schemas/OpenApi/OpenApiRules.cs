namespace Tessera.Schemas.OpenApi;

/// <summary>
/// The <c>openapi.*</c> rules. "backward": the new server still works for old clients; "forward": the old server
/// works for new clients. Forward severities mirror the backward severity of the opposite change. Schemas of
/// parameters, bodies and headers are judged by the JSON Schema rules (input or output direction).
/// </summary>
public static class OpenApiRules
{
    private static Rule Make(string type, string title, Severity backward, Severity forward, ChangeType level, string description, string hint = "") =>
        new("openapi." + type, SchemaFormat.OpenApi, type, title, backward, forward, level, description, hint);

    public static readonly Rule PathAdded = Make("path_added", "Path added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A new path. Old clients never call it; new clients calling it on the old server fail.");

    public static readonly Rule PathRemoved = Make("path_removed", "Path removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A path and all its operations are gone; old clients calling them fail.",
        "Deprecate the operations first and remove the path once no consumer calls it.");

    public static readonly Rule OperationAdded = Make("operation_added", "Operation added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A new method on an existing path.");

    public static readonly Rule OperationRemoved = Make("operation_removed", "Operation removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A method on a path is gone; old clients calling it fail.",
        "Mark the operation deprecated and remove it once no consumer calls it.");

    public static readonly Rule OperationDeprecated = Make("operation_deprecated", "Operation deprecated", Severity.Safe, Severity.Safe, ChangeType.Minor,
        "The operation is now marked deprecated; nothing breaks yet, consumers should move off it.");

    public static readonly Rule ParameterAdded = Make("parameter_added", "Parameter added", Severity.Breaking, Severity.Dangerous, ChangeType.Minor,
        "A new parameter. Required: old clients do not send it, so breaking (these are the defaults shown). Optional: safe backward. Forward: the old server ignores it (dangerous).",
        "Add the parameter as optional with a server-side default.");

    public static readonly Rule ParameterRemoved = Make("parameter_removed", "Parameter removed", Severity.Dangerous, Severity.Breaking, ChangeType.Minor,
        "The server no longer reads a parameter old clients may still send (silently ignored). Forward is breaking when the old server required it (the default shown), safe when it was optional.");

    public static readonly Rule ParameterRequired = Make("parameter_required", "Parameter became required", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "An optional parameter became required; old clients that leave it out fail.");

    public static readonly Rule ParameterOptional = Make("parameter_optional", "Parameter became optional", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A required parameter became optional; new clients leaving it out fail on the old server.");

    public static readonly Rule ParameterLocationChanged = Make("parameter_location_changed", "Parameter moved", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "A parameter moved between path, query, header and cookie; neither side finds it where it looks.");

    public static readonly Rule ParameterStyleChanged = Make("parameter_style_changed", "Parameter serialisation changed", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "The parameter's style, explode, allowReserved or allowEmptyValue changed, so values are written differently on the wire.");

    public static readonly Rule ParameterDeprecated = Make("parameter_deprecated", "Parameter deprecated", Severity.Safe, Severity.Safe, ChangeType.Minor,
        "The parameter is now marked deprecated.");

    public static readonly Rule RequestBodyAdded = Make("request_body_added", "Request body added", Severity.Breaking, Severity.Dangerous, ChangeType.Minor,
        "The operation now reads a body. Required: old clients do not send one, so breaking (the defaults shown). Optional: safe backward.");

    public static readonly Rule RequestBodyRemoved = Make("request_body_removed", "Request body removed", Severity.Dangerous, Severity.Breaking, ChangeType.Minor,
        "The server ignores the body old clients send. Forward is breaking when the old server required a body (the default shown), safe otherwise.");

    public static readonly Rule RequestBodyRequired = Make("request_body_required", "Request body became required", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "An optional request body became required; old clients that send none fail.");

    public static readonly Rule RequestBodyOptional = Make("request_body_optional", "Request body became optional", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A required request body became optional.");

    public static readonly Rule RequestContentTypeRemoved = Make("request_content_type_removed", "Request media type removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "The server no longer accepts a request media type old clients may send.");

    public static readonly Rule RequestContentTypeAdded = Make("request_content_type_added", "Request media type added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "The server accepts another request media type.");

    public static readonly Rule SuccessStatusRemoved = Make("success_status_removed", "Success response removed", Severity.Breaking, Severity.Dangerous, ChangeType.Major,
        "A 1xx–3xx response (or a default response standing in for success) is gone; old clients expecting it fail.");

    public static readonly Rule SuccessStatusAdded = Make("success_status_added", "Success response added", Severity.Dangerous, Severity.Breaking, ChangeType.Minor,
        "A new 1xx–3xx response; old clients may not handle it.");

    public static readonly Rule ErrorStatusRemoved = Make("error_status_removed", "Error response removed", Severity.Safe, Severity.Dangerous, ChangeType.Minor,
        "A documented 4xx/5xx/default response is no longer returned.");

    public static readonly Rule ErrorStatusAdded = Make("error_status_added", "Error response added", Severity.Dangerous, Severity.Safe, ChangeType.Minor,
        "A new 4xx/5xx/default response; old clients may not handle it.");

    public static readonly Rule ResponseContentTypeRemoved = Make("response_content_type_removed", "Response media type removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A response media type old clients may ask for is no longer produced.");

    public static readonly Rule ResponseContentTypeAdded = Make("response_content_type_added", "Response media type added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A new response media type; old clients never ask for it.");

    public static readonly Rule ResponseHeaderRemoved = Make("response_header_removed", "Response header removed", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A response header old clients may read is gone: breaking when it was required (the default shown), dangerous when optional.");

    public static readonly Rule ResponseHeaderAdded = Make("response_header_added", "Response header added", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A new response header. Forward: the old server does not send it (breaking when required, the default shown, dangerous when optional).");

    public static readonly Rule ResponseHeaderOptional = Make("response_header_optional", "Response header no longer required", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "A response header that was always sent may now be missing.");

    public static readonly Rule ResponseHeaderRequired = Make("response_header_required", "Response header became required", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "A response header is now always sent.");

    public static readonly Rule SecurityRequirementAdded = Make("security_requirement_added", "Security tightened", Severity.Breaking, Severity.Safe, ChangeType.Major,
        "Clients holding the credentials an old security alternative asked for no longer satisfy any new one (a new requirement was added).");

    public static readonly Rule SecurityRequirementRemoved = Make("security_requirement_removed", "Security relaxed", Severity.Safe, Severity.Breaking, ChangeType.Minor,
        "Every old client still passes, but a new alternative accepts credentials the old server does not.");

    public static readonly Rule SecurityChanged = Make("security_changed", "Security rewritten", Severity.Safe, Severity.Safe, ChangeType.Patch,
        "The security requirement was rewritten without changing which credentials pass.");

    public static readonly Rule SecuritySchemeChanged = Make("security_scheme_changed", "Security scheme changed", Severity.Breaking, Severity.Breaking, ChangeType.Major,
        "The definition of a security scheme (type, location, name, flows) changed; credentials may no longer be accepted.");

    public static readonly Rule ServerRemoved = Make("server_removed", "Server removed", Severity.Dangerous, Severity.Safe, ChangeType.Minor,
        "A base URL (3.x servers, 2.0 host/basePath/schemes) is no longer listed; clients configured with it may fail.");

    public static readonly Rule ServerAdded = Make("server_added", "Server added", Severity.Safe, Severity.Dangerous, ChangeType.Minor,
        "A new base URL is listed.");

    public static readonly Rule Unknown = Make("unknown", "Change not judged", Severity.Unknown, Severity.Unknown, ChangeType.Major,
        "A change the engine does not judge (callbacks, webhooks, operation-level servers); it blocks like a breaking change.",
        "Review by hand; an admin can force the publish.");

    public static IReadOnlyList<Rule> All { get; } =
    [
        PathAdded, PathRemoved, OperationAdded, OperationRemoved, OperationDeprecated,
        ParameterAdded, ParameterRemoved, ParameterRequired, ParameterOptional, ParameterLocationChanged, ParameterStyleChanged, ParameterDeprecated,
        RequestBodyAdded, RequestBodyRemoved, RequestBodyRequired, RequestBodyOptional, RequestContentTypeRemoved, RequestContentTypeAdded,
        SuccessStatusRemoved, SuccessStatusAdded, ErrorStatusRemoved, ErrorStatusAdded,
        ResponseContentTypeRemoved, ResponseContentTypeAdded, ResponseHeaderRemoved, ResponseHeaderAdded, ResponseHeaderOptional, ResponseHeaderRequired,
        SecurityRequirementAdded, SecurityRequirementRemoved, SecurityChanged, SecuritySchemeChanged, ServerRemoved, ServerAdded, Unknown,
    ];
}