using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>
/// One schema node as the comparer sees it: <c>$ref</c> resolved (siblings combined with the target, 2019-09
/// semantics), <c>allOf</c> merged into one set of keywords, a single-branch <c>anyOf</c>/<c>oneOf</c> folded in,
/// null branches turned into the "accepts null" flag, and boolean schemas read as "anything" / "nothing".
/// Building a view never recurses into properties or items: those are compared (and built) lazily.
/// </summary>
internal sealed class SchemaView
{
    private const int MaxMergeParts = 512;

    /// <summary>Keywords that carry no validation meaning (ignored by the comparer; the first one wins in a merge).</summary>
    public static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "$comment", "examples", "example", "deprecated", "readOnly", "writeOnly", "$schema",
        "$id", "id", "$anchor", "$dynamicAnchor", "$vocabulary", "$defs", "definitions", "contentEncoding",
        "contentMediaType", "contentSchema", "externalDocs", "xml",
    };

    private static readonly HashSet<string> LowerBounds = new(StringComparer.Ordinal)
    {
        "minLength", "minItems", "minimum", "minProperties", "minContains",
    };

    private static readonly HashSet<string> UpperBounds = new(StringComparer.Ordinal)
    {
        "maxLength", "maxItems", "maximum", "maxProperties", "maxContains",
    };

    private static readonly object AbsentIdentity = new();

    private readonly HashSet<JsonNode> _refsSeen = new(ReferenceEqualityComparer.Instance);
    private readonly JsonNode? _root;
    private int _parts;
    private bool _enumFromEnum;

    private SchemaView(JsonNode? raw, JsonNode? root)
    {
        Raw = raw;
        _root = root;
        Identity = (object?)raw ?? AbsentIdentity;
    }

    /// <summary>The node as written (before resolution), used for old/new values.</summary>
    public JsonNode? Raw { get; }

    /// <summary>What the node stands for: the <c>$ref</c> target when reached through one, else the node itself.</summary>
    public object Identity { get; private set; }

    /// <summary>True when the node is (a chain of) <c>$ref</c>s: the pair it forms is remembered to cut cycles.</summary>
    public bool ViaRef { get; private set; }

    /// <summary>The <c>false</c> schema (or a merge containing it): no value is valid.</summary>
    public bool IsNothing { get; private set; }

    /// <summary>Validation keywords after merging, except the ones kept apart below.</summary>
    public Dictionary<string, JsonNode?> Keywords { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Properties { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Required { get; } = new(StringComparer.Ordinal);

    /// <summary>Non-null branches of an <c>anyOf</c>/<c>oneOf</c> with at least two of them (else folded in).</summary>
    public List<JsonNode?> Branches { get; } = [];

    public string? UnionKeyword { get; private set; }

    /// <summary>The keyword that held a <c>{type: null}</c> branch, when one did.</summary>
    public string? NullBranchKeyword { get; private set; }

    /// <summary>An external (non-<c>#</c>) <c>$ref</c> the comparer cannot follow.</summary>
    public string? ExternalRef { get; private set; }

    /// <summary>Things that make the node unjudgeable (unresolvable refs, malformed keywords), as messages.</summary>
    public SortedSet<string> Problems { get; } = new(StringComparer.Ordinal);

    /// <summary><c>allOf</c> parts that could not be merged (conflicting keywords): compared as opaque values.</summary>
    public List<JsonNode?> Residue { get; } = [];

    /// <summary>True when <c>enum</c> came only from <c>const</c> (for the finding path).</summary>
    public bool EnumIsConst => Keywords.ContainsKey("enum") && !_enumFromEnum;

    public static SchemaView Build(JsonNode? raw, JsonNode? root)
    {
        var view = new SchemaView(raw, root);
        view.AddPart(raw, top: true);
        view.FoldSingleBranch();
        return view;
    }

    /// <summary>A view of <paramref name="parent"/>'s own keywords (without its union) combined with one branch.</summary>
    public static SchemaView BuildBranch(SchemaView parent, JsonNode? branch)
    {
        var view = new SchemaView(branch, parent._root);
        view.AddPart(parent.SiblingsObject(), top: false);
        view.AddPart(branch, top: true);
        view.FoldSingleBranch();
        return view;
    }

    /// <summary>True when the node has validation keywords besides its union (they are merged into every branch).</summary>
    public bool HasSiblings => Properties.Count > 0 || Required.Count > 0 || Keywords.Keys.Any(k => !Annotations.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal));

    /// <summary>The node's own keywords as a schema object (a deep copy, without its union).</summary>
    public JsonObject SiblingsObject()
    {
        var obj = new JsonObject();
        foreach (var (key, value) in Keywords)
        {
            obj[key] = value?.DeepClone();
        }

        if (Properties.Count > 0)
        {
            var props = new JsonObject();
            foreach (var (name, schema) in Properties)
            {
                props[name] = schema?.DeepClone();
            }

            obj["properties"] = props;
        }

        if (Required.Count > 0)
        {
            obj["required"] = JsonValues.StringArray(Required);
        }

        if (Residue.Count > 0)
        {
            obj["allOf"] = new JsonArray([.. Residue.Select(r => r?.DeepClone())]);
        }

        if (IsNothing)
        {
            obj["not"] = new JsonObject();
        }

        return obj;
    }

    /// <summary>The allowed types without <c>null</c> (integer ⊂ number); null = any type. Inferred from <c>enum</c> when <c>type</c> is absent.</summary>
    public IReadOnlySet<string>? Types(out bool malformed)
    {
        malformed = false;
        if (Keywords.TryGetValue("type", out var type))
        {
            var names = TypeNames(type);
            if (names is null)
            {
                malformed = true;
                return null;
            }

            return names.Where(n => n != "null").ToHashSet(StringComparer.Ordinal);
        }

        if (Keywords.TryGetValue("enum", out var values) && values is JsonArray array)
        {
            return array.Where(v => !JsonValues.IsNull(v)).Select(JsonValues.TypeOf).ToHashSet(StringComparer.Ordinal);
        }

        return null;
    }

    /// <summary>Whether the node accepts null, and the keyword that says so (for the finding path).</summary>
    public (bool Accepts, string Source) AcceptsNull()
    {
        if (Keywords.TryGetValue("type", out var type) && TypeNames(type) is { } names && names.Contains("null"))
        {
            return (true, "type");
        }

        if (Keywords.TryGetValue("nullable", out var nullable) && JsonValues.TryBool(nullable, out var b) && b)
        {
            return (true, "nullable");
        }

        if (NullBranchKeyword is not null)
        {
            return (true, NullBranchKeyword);
        }

        if (Keywords.TryGetValue("enum", out var values) && values is JsonArray array && array.Any(JsonValues.IsNull))
        {
            return (true, EnumIsConst ? "const" : "enum");
        }

        return (false, "");
    }

    public static List<string>? TypeNames(JsonNode? type)
    {
        if (JsonValues.AsString(type) is { } single)
        {
            return [single];
        }

        if (type is JsonArray array && array.All(t => JsonValues.AsString(t) is not null))
        {
            return [.. array.Select(t => JsonValues.AsString(t)!)];
        }

        return null;
    }

    /// <summary>True for a branch that only admits null (<c>{type: "null"}</c>, <c>{enum: [null]}</c>, <c>{const: null}</c>).</summary>
    private static bool IsNullBranch(JsonNode? branch)
    {
        if (branch is not JsonObject obj)
        {
            return false;
        }

        var meaningful = obj.Where(p => !Annotations.Contains(p.Key) && !p.Key.StartsWith("x-", StringComparison.Ordinal)).ToList();
        if (meaningful.Count != 1)
        {
            return false;
        }

        var (key, value) = meaningful[0];
        return key switch
        {
            "type" => TypeNames(value) is { Count: 1 } names && names[0] == "null",
            "enum" => value is JsonArray { Count: > 0 } a && a.All(JsonValues.IsNull),
            "const" => JsonValues.IsNull(value),
            _ => false,
        };
    }

    private void FoldSingleBranch()
    {
        while (Branches.Count == 1)
        {
            var branch = Branches[0];
            Branches.Clear();
            UnionKeyword = null;
            AddPart(branch, top: false);
        }
    }

    private void AddPart(JsonNode? node, bool top)
    {
        if (++_parts > MaxMergeParts)
        {
            Problems.Add($"more than {MaxMergeParts} allOf/$ref parts merged into one node");
            return;
        }

        switch (node)
        {
            case null:
                return;
            case JsonValue value when JsonValues.TryBool(value, out var b):
                if (!b)
                {
                    IsNothing = true;
                }

                return;
            case JsonObject obj:
                AddObject(obj, top);
                return;
            default:
                Problems.Add($"a schema must be an object or a boolean, found {JsonValues.TypeOf(node)} {JsonValues.Show(node)}");
                return;
        }
    }

    private void AddObject(JsonObject obj, bool top)
    {
        if (obj.TryGetPropertyValue("$ref", out var refNode))
        {
            var reference = JsonValues.AsString(refNode);
            foreach (var (key, value) in obj)
            {
                if (key != "$ref")
                {
                    AddKeyword(key, value);
                }
            }

            if (reference is null)
            {
                Problems.Add($"$ref must be a string, found {JsonValues.Show(refNode)}");
                return;
            }

            if (!reference.StartsWith('#'))
            {
                if (ExternalRef is not null && ExternalRef != reference)
                {
                    Problems.Add($"several external $refs combined ({ExternalRef}, {reference})");
                }

                ExternalRef ??= reference;
                return;
            }

            if (!JsonPointer.TryResolve(_root, reference, out var target) || target is null)
            {
                Problems.Add($"$ref '{reference}' does not resolve in the document");
                return;
            }

            if (!_refsSeen.Add(target))
            {
                return; // the same target merged twice (a diamond or a self-allOf) adds nothing new
            }

            if (top && !ViaRef)
            {
                // Siblings that validate make this use of the target different from others: key it by the node itself.
                ViaRef = true;
                Identity = obj.Any(p => p.Key != "$ref" && !Annotations.Contains(p.Key) && !p.Key.StartsWith("x-", StringComparison.Ordinal))
                    ? obj
                    : target;
            }

            AddPart(target, top);
            return;
        }

        foreach (var (key, value) in obj)
        {
            AddKeyword(key, value);
        }
    }

    private void AddKeyword(string key, JsonNode? value)
    {
        switch (key)
        {
            case "allOf":
                if (value is JsonArray parts)
                {
                    foreach (var part in parts)
                    {
                        AddPart(part, top: false);
                    }
                }
                else
                {
                    Problems.Add($"allOf must be an array, found {JsonValues.TypeOf(value)}");
                }

                return;
            case "anyOf" or "oneOf":
                AddUnion(key, value);
                return;
            case "properties":
                if (value is JsonObject props)
                {
                    foreach (var (name, schema) in props)
                    {
                        if (Properties.TryGetValue(name, out var existing) && !ReferenceEquals(existing, schema) && !JsonValues.Equal(existing, schema))
                        {
                            Properties[name] = new JsonObject { ["allOf"] = new JsonArray(existing?.DeepClone(), schema?.DeepClone()) };
                        }
                        else
                        {
                            Properties[name] = schema;
                        }
                    }
                }
                else
                {
                    Problems.Add($"properties must be an object, found {JsonValues.TypeOf(value)}");
                }

                return;
            case "required":
                if (value is JsonArray names && names.All(n => JsonValues.AsString(n) is not null))
                {
                    Required.UnionWith(names.Select(n => JsonValues.AsString(n)!));
                }
                else if (value is not null)
                {
                    Problems.Add($"required must be an array of names, found {JsonValues.Show(value)}");
                }

                return;
            case "type":
                MergeType(value);
                return;
            case "enum":
                _enumFromEnum = true;
                MergeEnum(value);
                return;
            case "const":
                MergeEnum(new JsonArray(value?.DeepClone()));
                return;
            case "nullable":
                if (!Keywords.TryGetValue("nullable", out var previous) || !JsonValues.TryBool(previous, out var was) || !was)
                {
                    Keywords["nullable"] = value;
                }

                return;
        }

        if (!Keywords.TryGetValue(key, out var current))
        {
            Keywords[key] = value;
            return;
        }

        if (ReferenceEquals(current, value) || JsonValues.Equal(current, value) || Annotations.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
        {
            return;
        }

        if (LowerBounds.Contains(key) && JsonValues.TryNumber(current, out var a) && JsonValues.TryNumber(value, out var b))
        {
            Keywords[key] = b > a ? value : current;
            return;
        }

        if (UpperBounds.Contains(key) && JsonValues.TryNumber(current, out var c) && JsonValues.TryNumber(value, out var d))
        {
            Keywords[key] = d < c ? value : current;
            return;
        }

        if (key is "additionalProperties" or "unevaluatedProperties" or "unevaluatedItems" && JsonValues.TryBool(value, out var open))
        {
            if (!open)
            {
                Keywords[key] = value;
            }

            return;
        }

        if (key is "additionalProperties" or "unevaluatedProperties" or "unevaluatedItems" or "items" or "propertyNames" or "contains" or "not"
            && value is JsonObject && current is JsonObject)
        {
            Keywords[key] = key == "not"
                ? new JsonObject { ["anyOf"] = new JsonArray(current.DeepClone(), value.DeepClone()) }
                : new JsonObject { ["allOf"] = new JsonArray(current.DeepClone(), value.DeepClone()) };
            return;
        }

        if (key is "default")
        {
            return; // the first default wins
        }

        Residue.Add(new JsonObject { [key] = value?.DeepClone() });
    }

    private void AddUnion(string key, JsonNode? value)
    {
        if (value is not JsonArray branches)
        {
            Problems.Add($"{key} must be an array, found {JsonValues.TypeOf(value)}");
            return;
        }

        var nonNull = new List<JsonNode?>();
        foreach (var branch in branches)
        {
            if (IsNullBranch(branch))
            {
                NullBranchKeyword ??= key;
            }
            else
            {
                nonNull.Add(branch);
            }
        }

        if (nonNull.Count == 0)
        {
            MergeType(JsonValue.Create("null"));
            return;
        }

        if (UnionKeyword is null && Branches.Count == 0)
        {
            UnionKeyword = key;
            Branches.AddRange(nonNull);
            if (Branches.Count == 1)
            {
                FoldSingleBranch();
            }

            return;
        }

        // A second union on the same node (e.g. two allOf parts with oneOf each) cannot be represented: keep it opaque.
        Residue.Add(new JsonObject { [key] = branches.DeepClone() });
    }

    private void MergeType(JsonNode? value)
    {
        if (!Keywords.TryGetValue("type", out var current))
        {
            Keywords["type"] = value;
            return;
        }

        var a = TypeNames(current);
        var b = TypeNames(value);
        if (a is null || b is null)
        {
            Residue.Add(new JsonObject { ["type"] = value?.DeepClone() });
            return;
        }

        var both = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in a)
        {
            if (b.Contains(t))
            {
                both.Add(t);
            }
            else if (t == "integer" && b.Contains("number"))
            {
                both.Add("integer");
            }
            else if (t == "number" && b.Contains("integer"))
            {
                both.Add("integer");
            }
        }

        Keywords["type"] = both.Count == 1 ? JsonValue.Create(both.Min) : JsonValues.StringArray(both);
        if (both.Count == 0)
        {
            IsNothing = true;
        }
    }

    private void MergeEnum(JsonNode? value)
    {
        if (value is not JsonArray incoming)
        {
            Problems.Add($"enum must be an array, found {JsonValues.Show(value)}");
            return;
        }

        if (!Keywords.TryGetValue("enum", out var current) || current is not JsonArray existing)
        {
            Keywords["enum"] = incoming;
            return;
        }

        var keep = incoming.Select(JsonValues.Canonical).ToHashSet(StringComparer.Ordinal);
        Keywords["enum"] = new JsonArray([.. existing.Where(v => keep.Contains(JsonValues.Canonical(v))).Select(v => v?.DeepClone())]);
    }
}