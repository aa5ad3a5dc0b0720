using System.Net;
using System.Text.Json.Nodes;

namespace Tessera.Server.Tests.Infrastructure;

/// <summary>Assertions on raw HTTP answers: the status and the error envelope.</summary>
public static class HttpAssert
{
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        var error = body["error"]!.AsObject();
        Assert.Equal(code, (string?)error["code"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.False(string.IsNullOrEmpty((string?)error["request_id"]));
        Assert.EndsWith("Z", (string?)error["timestamp"], StringComparison.Ordinal);
        return error;
    }

    public static async Task<JsonNode> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());
}