using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Tessera.Schemas.GraphQL;

/// <summary>GraphQL value literals (default values, directive arguments): canonical text and JSON.</summary>
internal static class GraphQLValues
{
    /// <summary>
    /// Canonical GraphQL literal of <paramref name="value"/>: strings quoted and escaped, object fields sorted, one
    /// space after commas and colons. Two literals that mean the same value print the same.
    /// </summary>
    public static string Canonical(GraphQLValue value, int maxDepth)
    {
        var sb = new StringBuilder();
        Print(value, sb, 0, maxDepth);
        return sb.ToString();
    }

    /// <summary>The JSON form: enum values become strings, numbers stay numbers.</summary>
    public static JsonNode? ToJson(GraphQLValue value, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), maxDepth, "The nesting of a value");
        }

        switch (value)
        {
            case GraphQLNullValue:
                return null;
            case GraphQLBooleanValue b:
                return JsonValue.Create(b.BoolValue);
            case GraphQLIntValue i:
                var intText = i.Value.ToString();
                return long.TryParse(intText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? JsonValue.Create(l)
                    : JsonNode.Parse(intText);
            case GraphQLFloatValue f:
                return JsonNode.Parse(f.Value.ToString());
            case GraphQLStringValue s:
                return JsonValue.Create(s.Value.ToString());
            case GraphQLEnumValue e:
                return JsonValue.Create(e.Name.StringValue);
            case GraphQLListValue list:
                var array = new JsonArray();
                foreach (var item in list.Values ?? [])
                {
                    array.Add(ToJson(item, depth + 1, maxDepth));
                }

                return array;
            case GraphQLObjectValue obj:
                var json = new JsonObject();
                foreach (var field in (obj.Fields ?? []).OrderBy(f => f.Name.StringValue, StringComparer.Ordinal))
                {
                    json[field.Name.StringValue] = ToJson(field.Value, depth + 1, maxDepth);
                }

                return json;
            case GraphQLVariable variable:
                return JsonValue.Create("$" + variable.Name.StringValue);
            default:
                return JsonValue.Create(value.Kind.ToString());
        }
    }

    /// <summary>
    /// Reads a literal written as text (introspection <c>defaultValue</c>) into its canonical text and JSON.
    /// </summary>
    public static (string Canonical, JsonNode? Json) ParseLiteral(string text, int maxDepth, string place)
    {
        if (text.Length > 0 && GraphQLSdlReader.MaxBracketDepth(text) > maxDepth)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), maxDepth, $"The nesting of the default value of {place}");
        }

        GraphQLDocument document;
        try
        {
            document = Parser.Parse("scalar Tessera @value(of: " + text + ")", new ParserOptions { Ignore = IgnoreOptions.All, MaxDepth = maxDepth + 16 });
        }
        catch (GraphQLParserException ex)
        {
            throw new SchemaParseException($"The default value of {place} is not a GraphQL literal: {text}", null, ex);
        }

        var scalar = document.Definitions.OfType<GraphQLScalarTypeDefinition>().SingleOrDefault();
        var argument = scalar?.Directives?.Items.SingleOrDefault()?.Arguments?.Items.SingleOrDefault();
        if (argument is null || document.Definitions.Count != 1)
        {
            throw new SchemaParseException($"The default value of {place} is not a GraphQL literal: {text}");
        }

        return (Canonical(argument.Value, maxDepth), ToJson(argument.Value, 0, maxDepth));
    }

    private static void Print(GraphQLValue value, StringBuilder sb, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            throw new SchemaLimitException(nameof(SchemaLimits.MaxDepth), maxDepth, "The nesting of a value");
        }

        switch (value)
        {
            case GraphQLNullValue:
                sb.Append("null");
                break;
            case GraphQLBooleanValue b:
                sb.Append(b.BoolValue ? "true" : "false");
                break;
            case GraphQLIntValue i:
                sb.Append(i.Value.ToString());
                break;
            case GraphQLFloatValue f:
                sb.Append(f.Value.ToString());
                break;
            case GraphQLStringValue s:
                sb.Append(JsonSerializer.Serialize(s.Value.ToString()));
                break;
            case GraphQLEnumValue e:
                sb.Append(e.Name.StringValue);
                break;
            case GraphQLVariable variable:
                sb.Append('$').Append(variable.Name.StringValue);
                break;
            case GraphQLListValue list:
                sb.Append('[');
                var first = true;
                foreach (var item in list.Values ?? [])
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    Print(item, sb, depth + 1, maxDepth);
                }

                sb.Append(']');
                break;
            case GraphQLObjectValue obj:
                sb.Append('{');
                var firstField = true;
                foreach (var field in (obj.Fields ?? []).OrderBy(f => f.Name.StringValue, StringComparer.Ordinal))
                {
                    if (!firstField)
                    {
                        sb.Append(", ");
                    }

                    firstField = false;
                    sb.Append(field.Name.StringValue).Append(": ");
                    Print(field.Value, sb, depth + 1, maxDepth);
                }

                sb.Append('}');
                break;
            default:
                sb.Append(value.Kind.ToString());
                break;
        }
    }
}