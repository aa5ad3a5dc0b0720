using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

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

/// <summary>A manifest read and cut into one-node contract documents, with its content hash.</summary>
public sealed class DbtManifestInput
{
    private string? _sha256;

    private DbtManifestInput(string text, DbtManifest manifest, IReadOnlyDictionary<string, JsonObject> slices)
    {
        Text = text;
        Manifest = manifest;
        Slices = slices;
    }

    /// <summary>The manifest as sent.</summary>
    public string Text { get; }

    public DbtManifest Manifest { get; }

    /// <summary>The one-node manifest of every node (see <see cref="DbtManifestSlicer"/>), by unique_id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Slices { get; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text (the <c>source_documents</c> key).</summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

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

        var limits = settings.EngineLimits;
        DbtManifest manifest;
        IReadOnlyDictionary<string, JsonObject> slices;
        try
        {
            manifest = (DbtManifest)SchemaEngine.Get(SchemaFormat.Dbt).Parse(new SchemaSource(text, "manifest.json"), limits);
            if (manifest.Nodes.Count > settings.MaxNodes)
            {
                throw DomainException.Invalid("manifest",
                    $"the manifest has {manifest.Nodes.Count} models, seeds, snapshots and sources; at most {settings.MaxNodes} are accepted (MAX_DBT_MANIFEST_NODES)",
                    "value_error.manifest_too_many_nodes");
            }

            slices = DbtManifestSlicer.Slice(manifest, limits);
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

        return new DbtManifestInput(text, manifest, slices);
    }

    private static DomainException TooLarge(DbtSyncSettings settings) =>
        DomainException.Invalid("manifest", $"the manifest is larger than {settings.MaxManifestBytes} bytes (MAX_DBT_MANIFEST_BYTES)",
            "value_error.manifest_too_large");
}