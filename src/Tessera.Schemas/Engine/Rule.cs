namespace Tessera.Schemas;

/// <summary>
/// One entry of the rule catalogue: a kind of change the engine reports, with its default judgement.
/// Every finding names the rule that produced it; docs/rules.md is generated from the catalogue.
/// </summary>
/// <param name="Id">Stable identifier, <c>&lt;format&gt;.&lt;type&gt;</c>, e.g. <c>jsonschema.property_removed</c>.</param>
/// <param name="Format">The format whose comparer emits the rule.</param>
/// <param name="Type">The change kind on the wire (the upstream <c>type</c> name where one exists).</param>
/// <param name="Title">A short human title.</param>
/// <param name="Backward">Default severity when the new version must read what the old one wrote.</param>
/// <param name="Forward">Default severity when the old version must read what the new one writes.</param>
/// <param name="Level">The semantic-versioning weight of the change when it is not backward-blocking.</param>
/// <param name="Description">What triggers the rule and why it is judged as it is (one or two sentences).</param>
/// <param name="Hint">A migration hint shown with the finding.</param>
public sealed record Rule(
    string Id,
    SchemaFormat Format,
    string Type,
    string Title,
    Severity Backward,
    Severity Forward,
    ChangeType Level,
    string Description,
    string Hint)
{
    /// <summary>Creates a finding of this rule with the rule's default severities.</summary>
    public Finding At(string path, string message, ChangeDirection direction = ChangeDirection.Data,
        System.Text.Json.Nodes.JsonNode? oldValue = null, System.Text.Json.Nodes.JsonNode? newValue = null) =>
        Finding.Create(this, path, message, direction, Backward, Forward, oldValue, newValue);
}