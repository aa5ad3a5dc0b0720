using System.Text.Json.Nodes;

using Tessera.Schemas.JsonSchema;

namespace Tessera.Schemas.OpenApi;

/// <summary>
/// Compares two OpenAPI documents operation by operation. Request parts (parameters, bodies) are judged as the new
/// server reading what old clients send; response parts as old clients reading what the new server sends.
/// </summary>
internal sealed class OpenApiComparer
{
    private readonly OpenApiDocument _old;
    private readonly OpenApiDocument _new;
    private readonly SchemaLimits _limits;
    private readonly List<Finding> _findings = [];

    private OpenApiComparer(OpenApiDocument oldDocument, OpenApiDocument newDocument, SchemaLimits limits)
    {
        _old = oldDocument;
        _new = newDocument;
        _limits = limits;
    }

    public static IReadOnlyList<Finding> Compare(OpenApiDocument oldDocument, OpenApiDocument newDocument, SchemaLimits limits)
    {
        var comparer = new OpenApiComparer(oldDocument, newDocument, limits);
        comparer.CompareDocument();
        return comparer._findings;
    }

    private void Add(Finding finding)
    {
        _findings.Add(finding);
        if (_findings.Count > _limits.MaxFindings)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxFindings), _limits.MaxFindings, "The number of changes");
        }
    }

    private void CompareDocument()
    {
        var oldPaths = _old.Paths.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var newPaths = _new.Paths.ToDictionary(p => p.Key, StringComparer.Ordinal);
        foreach (var (key, oldPath) in oldPaths)
        {
            if (!newPaths.TryGetValue(key, out var newPath))
            {
                Add(OpenApiRules.PathRemoved.At(oldPath.Template, $"The path {oldPath.Template} was removed with its operations ({string.Join(", ", oldPath.Operations.Select(o => o.Method))}).",
                    ChangeDirection.Interface, oldValue: JsonValue.Create(oldPath.Template)));
                continue;
            }

            ComparePath(oldPath, newPath);
        }

        foreach (var (key, newPath) in newPaths)
        {
            if (!oldPaths.ContainsKey(key))
            {
                Add(OpenApiRules.PathAdded.At(newPath.Template, $"The path {newPath.Template} was added.", ChangeDirection.Interface,
                    newValue: JsonValue.Create(newPath.Template)));
            }
        }

        CompareServers();
        CompareSecuritySchemes();
        if (!JsonNode.DeepEquals(_old.Webhooks, _new.Webhooks))
        {
            Add(OpenApiRules.Unknown.At("webhooks", "The webhooks changed; webhooks are not judged.", ChangeDirection.Interface, _old.Webhooks, _new.Webhooks));
        }
    }

    private void ComparePath(OpenApiPathItem oldPath, OpenApiPathItem newPath)
    {
        var oldOperations = oldPath.Operations.ToDictionary(o => o.Method, StringComparer.Ordinal);
        var newOperations = newPath.Operations.ToDictionary(o => o.Method, StringComparer.Ordinal);
        foreach (var (method, oldOperation) in oldOperations)
        {
            if (newOperations.TryGetValue(method, out var newOperation))
            {
                CompareOperation(oldOperation, newOperation);
            }
            else
            {
                Add(OpenApiRules.OperationRemoved.At(oldOperation.DisplayName, $"The operation {oldOperation.DisplayName} was removed.",
                    ChangeDirection.Interface, oldValue: JsonValue.Create(oldOperation.DisplayName)));
            }
        }

        foreach (var (method, newOperation) in newOperations)
        {
            if (!oldOperations.ContainsKey(method))
            {
                Add(OpenApiRules.OperationAdded.At(newOperation.DisplayName, $"The operation {newOperation.DisplayName} was added.",
                    ChangeDirection.Interface, newValue: JsonValue.Create(newOperation.DisplayName)));
            }
        }
    }

    private void CompareOperation(OpenApiOperation oldOperation, OpenApiOperation newOperation)
    {
        var name = newOperation.DisplayName;
        if (newOperation.Deprecated && !oldOperation.Deprecated)
        {
            Add(OpenApiRules.OperationDeprecated.At(name, $"{name} is now deprecated.", ChangeDirection.Interface, JsonValue.Create(false), JsonValue.Create(true)));
        }

        CompareParameters(oldOperation, newOperation, name);
        CompareRequestBody(oldOperation.RequestBody, newOperation.RequestBody, name);
        CompareResponses(oldOperation, newOperation, name);
        CompareSecurity(oldOperation.Security, newOperation.Security, name);
        foreach (var part in oldOperation.Unmodelled.Select(kv => kv.Key).Union(newOperation.Unmodelled.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
        {
            var before = oldOperation.Unmodelled[part];
            var after = newOperation.Unmodelled[part];
            if (!JsonNode.DeepEquals(before, after))
            {
                Add(OpenApiRules.Unknown.At($"{name} {part}", $"The {part} of {name} changed; they are not judged.", ChangeDirection.Interface, before, after));
            }
        }
    }

    private void CompareParameters(OpenApiOperation oldOperation, OpenApiOperation newOperation, string name)
    {
        var oldParameters = oldOperation.Parameters.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var newParameters = newOperation.Parameters.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var removed = oldParameters.Values.Where(p => !newParameters.ContainsKey(p.Key)).ToList();
        var added = newParameters.Values.Where(p => !oldParameters.ContainsKey(p.Key)).ToList();

        // The same name in another location is a move, not a removal plus an addition.
        foreach (var oldParameter in removed.ToList())
        {
            var moved = added.FirstOrDefault(p => string.Equals(p.Name, oldParameter.Name, StringComparison.OrdinalIgnoreCase));
            if (moved is null)
            {
                continue;
            }

            removed.Remove(oldParameter);
            added.Remove(moved);
            Add(OpenApiRules.ParameterLocationChanged.At($"{name} parameter {moved.DisplayName}",
                $"The parameter '{oldParameter.Name}' moved from {oldParameter.In} to {moved.In}.", ChangeDirection.Input,
                JsonValue.Create(oldParameter.DisplayName), JsonValue.Create(moved.DisplayName)));
            CompareSchema(oldParameter.Schema, moved.Schema, ChangeDirection.Input, $"{name} parameter {moved.DisplayName}");
        }

        foreach (var parameter in removed)
        {
            Add(Finding.Create(OpenApiRules.ParameterRemoved, $"{name} parameter {parameter.DisplayName}",
                $"The {(parameter.Required ? "required" : "optional")} parameter {parameter.DisplayName} was removed; the server ignores it when old clients send it.",
                ChangeDirection.Input, Severity.Dangerous, parameter.Required ? Severity.Breaking : Severity.Safe, oldValue: ParameterJson(parameter)));
        }

        foreach (var parameter in added)
        {
            Add(Finding.Create(OpenApiRules.ParameterAdded, $"{name} parameter {parameter.DisplayName}",
                parameter.Required
                    ? $"The required parameter {parameter.DisplayName} was added; old clients do not send it."
                    : $"The optional parameter {parameter.DisplayName} was added.",
                ChangeDirection.Input, parameter.Required ? Severity.Breaking : Severity.Safe, Severity.Dangerous, newValue: ParameterJson(parameter)));
        }

        foreach (var (key, oldParameter) in oldParameters)
        {
            if (!newParameters.TryGetValue(key, out var newParameter))
            {
                continue;
            }

            var path = $"{name} parameter {newParameter.DisplayName}";
            if (newParameter.Required && !oldParameter.Required)
            {
                Add(OpenApiRules.ParameterRequired.At(path, $"The parameter {newParameter.DisplayName} became required.", ChangeDirection.Input,
                    JsonValue.Create(false), JsonValue.Create(true)));
            }
            else if (!newParameter.Required && oldParameter.Required)
            {
                Add(OpenApiRules.ParameterOptional.At(path, $"The parameter {newParameter.DisplayName} became optional.", ChangeDirection.Input,
                    JsonValue.Create(true), JsonValue.Create(false)));
            }

            if (oldParameter.Style != newParameter.Style || oldParameter.Explode != newParameter.Explode
                || oldParameter.AllowReserved != newParameter.AllowReserved || oldParameter.AllowEmptyValue != newParameter.AllowEmptyValue)
            {
                Add(OpenApiRules.ParameterStyleChanged.At(path, $"The serialisation of {newParameter.DisplayName} changed.", ChangeDirection.Input,
                    Serialisation(oldParameter), Serialisation(newParameter)));
            }

            if (newParameter.Deprecated && !oldParameter.Deprecated)
            {
                Add(OpenApiRules.ParameterDeprecated.At(path, $"The parameter {newParameter.DisplayName} is now deprecated.", ChangeDirection.Input,
                    JsonValue.Create(false), JsonValue.Create(true)));
            }

            CompareSchema(oldParameter.Schema, newParameter.Schema, ChangeDirection.Input, path);
        }
    }

    private static JsonObject ParameterJson(OpenApiParameter parameter) => new()
    {
        ["in"] = parameter.In,
        ["name"] = parameter.Name,
        ["required"] = parameter.Required,
    };

    private static JsonObject Serialisation(OpenApiParameter parameter) => new()
    {
        ["style"] = parameter.Style,
        ["explode"] = parameter.Explode,
        ["allowReserved"] = parameter.AllowReserved,
        ["allowEmptyValue"] = parameter.AllowEmptyValue,
    };

    private void CompareRequestBody(OpenApiRequestBody? oldBody, OpenApiRequestBody? newBody, string name)
    {
        var path = $"{name} request body";
        switch (oldBody, newBody)
        {
            case (null, null):
                return;
            case (null, { } added):
                Add(Finding.Create(OpenApiRules.RequestBodyAdded, path,
                    added.Required ? "A required request body was added; old clients do not send one." : "An optional request body was added.",
                    ChangeDirection.Input, added.Required ? Severity.Breaking : Severity.Safe, Severity.Dangerous,
                    newValue: MediaTypesJson(added.Content)));
                return;
            case ({ } removed, null):
                Add(Finding.Create(OpenApiRules.RequestBodyRemoved, path, "The request body was removed; the server ignores what old clients send.",
                    ChangeDirection.Input, Severity.Dangerous, removed.Required ? Severity.Breaking : Severity.Safe,
                    oldValue: MediaTypesJson(removed.Content)));
                return;
        }

        if (newBody.Required && !oldBody.Required)
        {
            Add(OpenApiRules.RequestBodyRequired.At(path, "The request body became required.", ChangeDirection.Input, JsonValue.Create(false), JsonValue.Create(true)));
        }
        else if (!newBody.Required && oldBody.Required)
        {
            Add(OpenApiRules.RequestBodyOptional.At(path, "The request body became optional.", ChangeDirection.Input, JsonValue.Create(true), JsonValue.Create(false)));
        }

        CompareContent(oldBody.Content, newBody.Content, path, ChangeDirection.Input,
            OpenApiRules.RequestContentTypeRemoved, OpenApiRules.RequestContentTypeAdded);
    }

    private void CompareContent(IReadOnlyList<OpenApiMediaType> oldContent, IReadOnlyList<OpenApiMediaType> newContent, string path,
        ChangeDirection direction, Rule removedRule, Rule addedRule)
    {
        var oldTypes = oldContent.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var newTypes = newContent.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var side = direction == ChangeDirection.Input ? "request" : "response";
        foreach (var (mediaType, oldMedia) in oldTypes)
        {
            if (newTypes.TryGetValue(mediaType, out var newMedia))
            {
                CompareSchema(oldMedia.Schema, newMedia.Schema, direction, $"{path} {mediaType}");
            }
            else
            {
                Add(removedRule.At($"{path} {mediaType}", $"The {side} media type {mediaType} was removed.", direction, oldValue: JsonValue.Create(mediaType)));
            }
        }

        foreach (var mediaType in newTypes.Keys.Where(m => !oldTypes.ContainsKey(m)))
        {
            Add(addedRule.At($"{path} {mediaType}", $"The {side} media type {mediaType} was added.", direction, newValue: JsonValue.Create(mediaType)));
        }
    }

    private static JsonArray MediaTypesJson(IReadOnlyList<OpenApiMediaType> content) =>
        new([.. content.Select(m => (JsonNode)JsonValue.Create(m.Name))]);

    private void CompareResponses(OpenApiOperation oldOperation, OpenApiOperation newOperation, string name)
    {
        var oldResponses = oldOperation.Responses.ToDictionary(r => r.Status, StringComparer.Ordinal);
        var newResponses = newOperation.Responses.ToDictionary(r => r.Status, StringComparer.Ordinal);
        var matchedNew = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (status, oldResponse) in oldResponses)
        {
            var path = $"{name} response {status}";
            // A code missing in the new version may still be covered by a new range (200 → 2XX), and a range may
            // have been narrowed to one code of it (2XX → 200): the same responses, compared as such.
            var newResponse = newResponses.GetValueOrDefault(status) ?? Covering(status, newResponses, oldResponses);
            if (newResponse is null)
            {
                var success = IsSuccess(oldResponse, oldOperation);
                Add((success ? OpenApiRules.SuccessStatusRemoved : OpenApiRules.ErrorStatusRemoved).At(path,
                    $"The {status} response was removed.", ChangeDirection.Output, oldValue: JsonValue.Create(status)));
                continue;
            }

            matchedNew.Add(newResponse.Status);
            CompareContent(oldResponse.Content, newResponse.Content, path, ChangeDirection.Output,
                OpenApiRules.ResponseContentTypeRemoved, OpenApiRules.ResponseContentTypeAdded);
            CompareHeaders(oldResponse, newResponse, path);
        }

        foreach (var (status, newResponse) in newResponses)
        {
            if (oldResponses.ContainsKey(status) || (matchedNew.Contains(status) && IsCode(status)))
            {
                continue;
            }

            var success = IsSuccess(newResponse, newOperation);
            Add((success ? OpenApiRules.SuccessStatusAdded : OpenApiRules.ErrorStatusAdded).At($"{name} response {status}",
                $"A {status} response was added; old clients may not handle it.", ChangeDirection.Output, newValue: JsonValue.Create(status)));
        }
    }

    private static bool IsCode(string status) => status.Length == 3 && status.All(char.IsAsciiDigit);

    /// <summary>
    /// The new response standing for an old status that is gone: the new range holding an old code, or the only new
    /// code inside an old range (when the old version had no other code in that range).
    /// </summary>
    private static OpenApiResponse? Covering(string status, Dictionary<string, OpenApiResponse> newResponses, Dictionary<string, OpenApiResponse> oldResponses)
    {
        if (status == "default")
        {
            return null;
        }

        if (IsCode(status))
        {
            return newResponses.GetValueOrDefault(status[0] + "XX");
        }

        var inRange = newResponses.Values.Where(r => IsCode(r.Status) && r.Status[0] == status[0] && !oldResponses.ContainsKey(r.Status)).ToList();
        return inRange.Count == 1 ? inRange[0] : null;
    }

    /// <summary>1xx–3xx are success; <c>default</c> is success only when the operation lists no success code.</summary>
    private static bool IsSuccess(OpenApiResponse response, OpenApiOperation operation) =>
        response.IsSuccess || (response.Status == "default" && !operation.Responses.Any(r => r.IsSuccess));

    private void CompareHeaders(OpenApiResponse oldResponse, OpenApiResponse newResponse, string path)
    {
        var oldHeaders = oldResponse.Headers.ToDictionary(h => h.Key, StringComparer.Ordinal);
        var newHeaders = newResponse.Headers.ToDictionary(h => h.Key, StringComparer.Ordinal);
        foreach (var (key, oldHeader) in oldHeaders)
        {
            if (!newHeaders.TryGetValue(key, out var newHeader))
            {
                Add(Finding.Create(OpenApiRules.ResponseHeaderRemoved, $"{path} header.{oldHeader.Name}",
                    $"The response header {oldHeader.Name} was removed.", ChangeDirection.Output,
                    oldHeader.Required ? Severity.Breaking : Severity.Dangerous, Severity.Safe, oldValue: JsonValue.Create(oldHeader.Name)));
                continue;
            }

            var headerPath = $"{path} header.{newHeader.Name}";
            if (oldHeader.Required && !newHeader.Required)
            {
                Add(OpenApiRules.ResponseHeaderOptional.At(headerPath, $"The response header {newHeader.Name} is no longer required.", ChangeDirection.Output,
                    JsonValue.Create(true), JsonValue.Create(false)));
            }
            else if (!oldHeader.Required && newHeader.Required)
            {
                Add(OpenApiRules.ResponseHeaderRequired.At(headerPath, $"The response header {newHeader.Name} became required.", ChangeDirection.Output,
                    JsonValue.Create(false), JsonValue.Create(true)));
            }

            CompareSchema(oldHeader.Schema, newHeader.Schema, ChangeDirection.Output, headerPath);
        }

        foreach (var (key, newHeader) in newHeaders)
        {
            if (!oldHeaders.ContainsKey(key))
            {
                Add(Finding.Create(OpenApiRules.ResponseHeaderAdded, $"{path} header.{newHeader.Name}",
                    $"The response header {newHeader.Name} was added.", ChangeDirection.Output,
                    Severity.Safe, newHeader.Required ? Severity.Breaking : Severity.Dangerous, newValue: JsonValue.Create(newHeader.Name)));
            }
        }
    }

    private void CompareSecurity(IReadOnlyList<SecurityAlternative> oldSecurity, IReadOnlyList<SecurityAlternative> newSecurity, string name)
    {
        // Old clients hold the credentials of some old alternative; they pass when a new alternative asks for no more.
        var locksOutOldClients = oldSecurity.Where(o => !newSecurity.Any(o.Satisfies)).ToList();
        var rejectedByOldServer = newSecurity.Where(n => !oldSecurity.Any(n.Satisfies)).ToList();
        var before = new JsonArray([.. oldSecurity.Select(a => (JsonNode)a.ToJson())]);
        var after = new JsonArray([.. newSecurity.Select(a => (JsonNode)a.ToJson())]);
        var path = $"{name} security";
        if (locksOutOldClients.Count > 0)
        {
            Add(Finding.Create(OpenApiRules.SecurityRequirementAdded, path,
                $"Clients authenticating with {string.Join(" or ", locksOutOldClients.Select(a => a.Canonical))} no longer pass; the new requirement is {string.Join(" or ", newSecurity.Select(a => a.Canonical))}.",
                ChangeDirection.Input, Severity.Breaking, rejectedByOldServer.Count > 0 ? Severity.Breaking : Severity.Safe, before, after));
        }
        else if (rejectedByOldServer.Count > 0)
        {
            Add(OpenApiRules.SecurityRequirementRemoved.At(path,
                $"The new server also accepts {string.Join(" or ", rejectedByOldServer.Select(a => a.Canonical))}.", ChangeDirection.Input, before, after));
        }
        else if (!oldSecurity.Select(a => a.Canonical).SequenceEqual(newSecurity.Select(a => a.Canonical), StringComparer.Ordinal))
        {
            Add(OpenApiRules.SecurityChanged.At(path, "The security requirement was rewritten; the same credentials pass.", ChangeDirection.Input, before, after));
        }
    }

    private void CompareSecuritySchemes()
    {
        foreach (var (schemeName, oldScheme) in _old.SecuritySchemes)
        {
            if (_new.SecuritySchemes.TryGetValue(schemeName, out var newScheme) && !JsonNode.DeepEquals(Essential(oldScheme), Essential(newScheme)))
            {
                Add(OpenApiRules.SecuritySchemeChanged.At($"securitySchemes.{schemeName}", $"The security scheme '{schemeName}' changed.",
                    ChangeDirection.Interface, oldScheme, newScheme));
            }
        }
    }

    /// <summary>A security scheme without its documentation.</summary>
    private static JsonNode? Essential(JsonNode? scheme)
    {
        if (scheme is not JsonObject obj)
        {
            return scheme;
        }

        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is not ("description" or "x-description") && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private void CompareServers()
    {
        foreach (var server in _old.Servers.Except(_new.Servers, StringComparer.Ordinal))
        {
            Add(OpenApiRules.ServerRemoved.At("servers", $"The server {server} is no longer listed.", ChangeDirection.Interface, oldValue: JsonValue.Create(server)));
        }

        foreach (var server in _new.Servers.Except(_old.Servers, StringComparer.Ordinal))
        {
            Add(OpenApiRules.ServerAdded.At("servers", $"The server {server} was added.", ChangeDirection.Interface, newValue: JsonValue.Create(server)));
        }
    }

    /// <summary>
    /// Judges the schema of a parameter, body or header with the JSON Schema rules: request parts as input (the new
    /// server reads what old clients write), response parts as output. <c>$ref</c>s resolve in each whole document.
    /// </summary>
    private void CompareSchema(JsonNode? oldSchema, JsonNode? newSchema, ChangeDirection direction, string path)
    {
        var findings = JsonSchemaComparer.Compare(oldSchema, newSchema, new JsonSchemaCompareOptions
        {
            Direction = direction,
            PathPrefix = path,
            OldRoot = _old.Root,
            NewRoot = _new.Root,
            Limits = _limits,
        });
        foreach (var finding in findings)
        {
            Add(finding);
        }
    }
}