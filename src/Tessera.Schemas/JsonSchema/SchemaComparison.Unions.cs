using System.Text.Json.Nodes;

namespace Tessera.Schemas.JsonSchema;

/// <summary>
/// <c>anyOf</c>/<c>oneOf</c> with two or more non-null branches: the node's own keywords are merged into every
/// branch, branches are matched up (same <c>$ref</c>, then same <c>title</c>, then same types and most shared
/// properties, then the last one left on each side), matched pairs are compared, unmatched new branches widen
/// (<c>union_branch_added</c>) and unmatched old ones narrow (<c>union_branch_removed</c>). A node without a union
/// counts as a union of itself. Whether null is accepted is compared once for the whole node.
/// </summary>
internal sealed partial class SchemaComparison
{
    private sealed record Branch(int Index, JsonNode? Original, JsonNode? Compared, SchemaView View, string? Ref, string? Title, string TypeKey);

    private void CompareUnion(SchemaView o, SchemaView n, string path, int depth, bool skipNull, List<Finding> sink)
    {
        var oldBranches = BranchesOf(o);
        var newBranches = BranchesOf(n);

        if (!skipNull)
        {
            var (oldNull, oldSource) = NullOfUnion(o, oldBranches);
            var (newNull, newSource) = NullOfUnion(n, newBranches);
            if (oldNull != newNull)
            {
                sink.Add(newNull
                    ? Make(JsonSchemaRules.NullableAdded, At(path, newSource), "The value may now be null.", NullValue(o, newSource, false), NullValue(n, newSource, true))
                    : Make(JsonSchemaRules.NullableRemoved, At(path, oldSource), "The value may no longer be null.", NullValue(o, oldSource, true), NullValue(n, oldSource, false)));
            }
        }

        if (o.Branches.Count >= 2 && n.Branches.Count >= 2 && o.UnionKeyword != n.UnionKeyword)
        {
            // oneOf demands exactly one matching branch: it accepts a subset of what the same anyOf accepts.
            sink.Add(n.UnionKeyword == "oneOf"
                ? Make(JsonSchemaRules.ConstraintTightened, At(path, "oneOf"), "anyOf became oneOf: a value must now match exactly one branch.", JsonValue.Create("anyOf"), JsonValue.Create("oneOf"))
                : Make(JsonSchemaRules.ConstraintRelaxed, At(path, "anyOf"), "oneOf became anyOf: a value may now match several branches.", JsonValue.Create("oneOf"), JsonValue.Create("anyOf")));
        }

        // Both sides unions: the keywords next to the union are compared once here and the branches as written.
        // One side a union: the other side is matched as a whole against branches that carry the node's keywords.
        var bothUnions = o.Branches.Count >= 2 && n.Branches.Count >= 2;
        if (bothUnions)
        {
            CompareFlat(o, n, path, depth, skipNull: true, sink);
        }

        var (pairs, removed, added) = Match(oldBranches, newBranches);
        var newKeyword = n.Branches.Count >= 2 ? n.UnionKeyword! : o.UnionKeyword!;
        foreach (var (oldBranch, newBranch) in pairs)
        {
            var where = n.Branches.Count >= 2 ? At(path, $"{n.UnionKeyword}.{newBranch.Index}") : At(path, $"{o.UnionKeyword}.{oldBranch.Index}");
            CompareNodes(bothUnions ? oldBranch.Original : oldBranch.Compared, bothUnions ? newBranch.Original : newBranch.Compared,
                where, depth + 1, skipNull: true, sink);
        }

        foreach (var branch in removed)
        {
            var keyword = o.Branches.Count >= 2 ? o.UnionKeyword! : newKeyword;
            sink.Add(Make(JsonSchemaRules.UnionBranchRemoved, At(path, $"{keyword}.{branch.Index}"),
                $"The alternative {Describe(branch)} was removed; values of that shape are no longer accepted.", branch.Original, null));
        }

        foreach (var branch in added)
        {
            sink.Add(Make(JsonSchemaRules.UnionBranchAdded, At(path, $"{newKeyword}.{branch.Index}"),
                $"The alternative {Describe(branch)} was added; values of that shape may now appear.", null, branch.Original));
        }
    }

    private static string Describe(Branch branch)
    {
        var parts = new List<string>();
        if (branch.Ref is not null)
        {
            parts.Add(branch.Ref);
        }

        if (branch.Title is not null)
        {
            parts.Add($"'{branch.Title}'");
        }

        parts.Add(branch.TypeKey);
        return string.Join(" ", parts);
    }

    private static (bool, string) NullOfUnion(SchemaView view, List<Branch> branches)
    {
        var own = view.AcceptsNull();
        if (own.Accepts)
        {
            return own;
        }

        return branches.Any(b => b.View.AcceptsNull().Accepts) ? (true, view.UnionKeyword ?? "type") : (false, "");
    }

    private static List<Branch> BranchesOf(SchemaView view)
    {
        if (view.Branches.Count < 2)
        {
            return [MakeBranch(0, view.Raw, view.Raw, view)];
        }

        var siblings = view.HasSiblings ? view.SiblingsObject() : null;
        var result = new List<Branch>();
        for (var i = 0; i < view.Branches.Count; i++)
        {
            var original = view.Branches[i];
            var compared = siblings is null ? original : new JsonObject { ["allOf"] = new JsonArray(siblings.DeepClone(), original?.DeepClone()) };
            result.Add(MakeBranch(i, original, compared, SchemaView.BuildBranch(view, original)));
        }

        return result;
    }

    private static Branch MakeBranch(int index, JsonNode? original, JsonNode? compared, SchemaView view)
    {
        var reference = original is JsonObject obj ? JsonValues.AsString(obj["$ref"]) : null;
        var title = JsonValues.AsString(view.Keywords.GetValueOrDefault("title"));
        var types = view.Types(out _);
        var typeKey = types is null ? "any" : types.Count == 0 ? "null" : string.Join("|", types.OrderBy(t => t, StringComparer.Ordinal));
        return new Branch(index, original, compared, view, reference, title, typeKey);
    }

    private static (List<(Branch Old, Branch New)> Pairs, List<Branch> Removed, List<Branch> Added) Match(List<Branch> oldBranches, List<Branch> newBranches)
    {
        var pairs = new List<(Branch Old, Branch New)>();
        var oldLeft = new List<Branch>(oldBranches);
        var newLeft = new List<Branch>(newBranches);

        void PairBy(Func<Branch, string?> key)
        {
            foreach (var oldBranch in oldLeft.ToList())
            {
                var k = key(oldBranch);
                if (k is null)
                {
                    continue;
                }

                var match = newLeft.FirstOrDefault(b => key(b) == k);
                if (match is not null)
                {
                    pairs.Add((oldBranch, match));
                    oldLeft.Remove(oldBranch);
                    newLeft.Remove(match);
                }
            }
        }

        PairBy(b => b.Ref);
        PairBy(b => b.Title);
        foreach (var oldBranch in oldLeft.ToList())
        {
            var best = newLeft.Where(b => b.TypeKey == oldBranch.TypeKey)
                .OrderByDescending(b => Similarity(oldBranch.View, b.View))
                .ThenBy(b => b.Index)
                .FirstOrDefault();
            if (best is not null)
            {
                pairs.Add((oldBranch, best));
                oldLeft.Remove(oldBranch);
                newLeft.Remove(best);
            }
        }

        if (oldLeft.Count == 1 && newLeft.Count == 1)
        {
            pairs.Add((oldLeft[0], newLeft[0]));
            oldLeft.Clear();
            newLeft.Clear();
        }

        pairs.Sort((a, b) => a.New.Index.CompareTo(b.New.Index));
        return (pairs, oldLeft, newLeft);
    }

    private static int Similarity(SchemaView a, SchemaView b)
    {
        var score = a.Properties.Keys.Intersect(b.Properties.Keys, StringComparer.Ordinal).Count() * 2;
        score -= a.Properties.Keys.Except(b.Properties.Keys, StringComparer.Ordinal).Count();
        score -= b.Properties.Keys.Except(a.Properties.Keys, StringComparer.Ordinal).Count();
        if (a.Keywords.TryGetValue("enum", out var x) && b.Keywords.TryGetValue("enum", out var y) && JsonValues.Equal(x, y))
        {
            score += 10;
        }

        return score;
    }
}