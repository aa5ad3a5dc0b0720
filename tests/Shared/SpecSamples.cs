namespace Tessera.Testing;

/// <summary>Small spec documents for repo-sync tests.</summary>
public static class SpecSamples
{
    /// <summary>A one-operation OpenAPI document: <c>GET /{operation}/{id}</c> returning an object with <paramref name="fields"/> (the first required).</summary>
    public static string OpenApi(string operation, params string[] fields)
    {
        fields = fields.Length == 0 ? ["id", "email"] : fields;
        var schema = "{type: object, required: [" + fields[0] + "], properties: {" + string.Join(", ", fields.Select(f => f + ": {type: string}")) + "}}";
        return $$"""
            openapi: 3.0.3
            info: {title: Test API, version: '1'}
            paths:
              /{{operation}}/{id}:
                get:
                  operationId: {{operation}}
                  parameters: [{name: id, in: path, required: true, schema: {type: string} }]
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {{schema}}

            """;
    }
}