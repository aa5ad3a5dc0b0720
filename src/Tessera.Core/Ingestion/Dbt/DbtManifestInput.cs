using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Tessera.Core.Common;
using Tessera.Schemas;
using Tessera.Schemas.Dbt;

namespace Tessera.Core.Ingestion.Dbt;

/// <summary>
/// Limits on a dbt manifest sent to <c>/sync/dbt/*</c>: MAX_DBT_MANIFEST_BYTES (the manifest's size, also the
/// request body limit of those routes) and MAX_DBT_MANIFEST_NODES (models, seeds, snapshots and sources).
/// </summary>
public sealed record DbtSyncSettings(long MaxManifestBytes = 64_000_000, int MaxNodes = 20_000)
{
    /// <summary>The engine limits for a manifest this large (the default limits are sized for one contract).</summary>
    public SchemaLimits EngineLimits => SchemaLimits.Default with
    {
        MaxInputChars = (int)Math.Min(int.MaxValue, MaxManifestBytes),
        MaxNodes = (int)Math.Clamp(MaxManifestBytes / 8, SchemaLimits.Default.MaxNodes, int.MaxValue),
    };
}

/// <summary>A manifest as sent and as read.</summary>
public sealed partial class DbtManifestInput
{
    private DbtManifestInput(string text, DbtManifest manifest)
    {
        Text = text;
        Manifest = manifest;
    }

    /// <summary>The manifest as sent.</summary>
    public string Text { get; }

    public DbtManifest Manifest { get; }

    /// <summary>
    /// Reads <paramref name="text"/>: over MAX_DBT_MANIFEST_BYTES or MAX_DBT_MANIFEST_NODES → 422 naming the limit;
    /// not a readable manifest → 400 <c>INVALID_MANIFEST</c> with the message and the JSON pointer of the problem.
    /// </summary>
    public static DbtManifestInput Read(string text, DbtSyncSettings settings)
    {
        if (Encoding.UTF8.GetByteCount(text) > settings.MaxManifestBytes)
        {
            throw TooLarge(settings);
        }

        if (EscapedNul().IsMatch(text))
        {
            // Names, descriptions and tags end up in text columns, which PostgreSQL cannot hold a NUL in.
            throw DomainException.Invalid("manifest", "the manifest must not contain NUL characters (\\u0000)");
        }

        var limits = settings.EngineLimits;
        DbtManifest manifest;
        try
        {
            manifest = (DbtManifest)SchemaEngine.Get(SchemaFormat.Dbt).Parse(new SchemaSource(text, "manifest.json"), limits);
            if (manifest.Nodes.Count > settings.MaxNodes)
            {
                throw DomainException.Invalid("manifest",
                    $"the manifest has {manifest.Nodes.Count} models, seeds, snapshots and sources; at most {settings.MaxNodes} are accepted (MAX_DBT_MANIFEST_NODES)",
                    "value_error.manifest_too_many_nodes");
            }
        }
        catch (SchemaLimitException e) when (e.LimitName == nameof(SchemaLimits.MaxInputChars))
        {
            throw TooLarge(settings);
        }
        catch (SchemaParseException e)
        {
            var details = new Dictionary<string, object?> { ["errors"] = new JsonArray(e.Message) };
            if (e.Location?.Pointer is { } pointer)
            {
                details["path"] = pointer;
            }

            throw DomainException.Bad(ErrorCodes.InvalidManifest, "Invalid dbt manifest: " + e.Message, details);
        }

        return new DbtManifestInput(text, manifest);
    }

    /// <summary>A JSON escape of NUL (<c>\u0000</c>) that is not itself an escaped backslash followed by text.</summary>
    [GeneratedRegex(@"(?<!\\)(?:\\\\)*\\u0000", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EscapedNul();

    private static DomainException TooLarge(DbtSyncSettings settings) =>
        DomainException.Invalid("manifest", $"the manifest is larger than {settings.MaxManifestBytes} bytes (MAX_DBT_MANIFEST_BYTES)",
            "value_error.manifest_too_large");
}