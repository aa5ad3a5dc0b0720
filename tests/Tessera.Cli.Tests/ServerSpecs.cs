namespace Tessera.Cli.Tests;

/// <summary>Small real documents for the commands that talk to a server, with a title unique to each test.</summary>
internal static class ServerSpecs
{
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// An OpenAPI document with GET /users/{id} and POST /users. <paramref name="userFields"/> are the properties of
    /// User (id and email in v1; drop email for a breaking v3, add phone for a compatible v2).
    /// </summary>
    public static string OpenApi(string title, params string[] userFields)
    {
        var properties = string.Join(", ", userFields.Select(f => $"\"{f}\": {{\"type\": \"string\"}}"));
        return """
            {"openapi": "3.0.3", "info": {"title": "TITLE", "version": "1.0.0"},
             "paths": {
               "/users/{id}": {"get": {"operationId": "getUser", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}},
               "/users": {"post": {"operationId": "createUser",
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"email": {"type": "string"}}}}}},
                 "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}}},
             "components": {"schemas": {"User": {"type": "object", "required": ["id"], "properties": {PROPERTIES}}}}}
            """.Replace("TITLE", title, StringComparison.Ordinal).Replace("PROPERTIES", properties, StringComparison.Ordinal);
    }

    /// <summary>The FQN the importer gives an operation of <see cref="OpenApi"/>.</summary>
    public static string Fqn(string title, string operation) => $"api.{title.ToLowerInvariant()}.{operation}";
}