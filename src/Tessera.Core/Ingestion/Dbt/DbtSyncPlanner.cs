using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Assets;
using Tessera.Core.Common;
using Tessera.Core.Contracts;
using Tessera.Core.Persistence;
using Tessera.Core.Teams;
using Tessera.Schemas;
using Tessera.Schemas.Dbt;

namespace Tessera.Core.Ingestion.Dbt;

/// <summary>
/// What a manifest means against the database, read in a fixed number of queries whatever its size: for every
/// node the asset at its FQN, who owns it, its active contract and the verdict on the node's contract document.
/// Upload, impact and diff share it, so the previews say exactly what an upload would do.
/// </summary>
public sealed class DbtSyncPlanner(TesseraDbContext db, SchemaGate gate, ContractPublisher publisher, SourceDocumentStore documents)
{
    /// <summary>The metadata keys an import owns on an asset (replaced on every import; other keys are kept).</summary>
    private static readonly string[] OwnedKeys =
        ["dbt_node_id", "dbt_source_id", "resource_type", "description", "tags", "dbt_fqn", "path", "depends_on", "columns", "guarantees", "tessera_consumers"];

    public async Task<DbtSyncPlan> PlanAsync(DbtManifestInput input, string environment, Team? defaultOwner, CancellationToken cancellationToken)
    {
        var manifest = input.Manifest;
        var nodes = new List<DbtNodePlan>();
        var byFqn = new Dictionary<string, DbtNodePlan>(StringComparer.Ordinal);
        var collisions = new List<string>();
        foreach (var node in manifest.Nodes)
        {
            if (byFqn.TryGetValue(node.Fqn, out var first))
            {
                collisions.Add($"{node.UniqueId} skipped: its FQN {node.Fqn} is also the FQN of {first.Node.UniqueId}");
                continue;
            }

            var plan = new DbtNodePlan(node, manifest);
            byFqn[node.Fqn] = plan;
            nodes.Add(plan);
        }

        var teams = await LoadTeamsAsync(nodes, defaultOwner, cancellationToken);
        var users = await LoadUsersAsync(nodes, cancellationToken);
        var fqns = byFqn.Keys.ToList();
        var existing = await db.Assets.Where(a => a.Environment == environment && fqns.Contains(a.Fqn)).ToListAsync(cancellationToken);
        foreach (var asset in existing)
        {
            if (byFqn.TryGetValue(asset.Fqn, out var plan))
            {
                plan.Existing = asset;
                plan.ExistingDbtId = DbtIdOf(asset.MetadataJson);
            }
        }

        var ownerIds = existing.Select(a => a.OwnerTeamId).Concat(users.Values.Select(u => u.TeamId).OfType<Guid>())
            .Where(id => !teams.ById.ContainsKey(id)).Distinct().ToList();
        if (ownerIds.Count > 0)
        {
            foreach (var team in await db.Teams.Where(t => ownerIds.Contains(t.Id)).ToListAsync(cancellationToken))
            {
                teams.Add(team);
            }
        }

        foreach (var plan in nodes)
        {
            ResolveMeta(plan, teams, users, defaultOwner);
            plan.Metadata = Metadata(plan, manifest);
        }

        var result = new DbtSyncPlan(environment, nodes, collisions, teams.ById.ToDictionary(p => p.Key, p => p.Value.Name));
        ResolveConsumersFromRefs(result);
        return result;
    }

    /// <summary>
    /// Loads the active contracts of the planned assets and judges every node against its asset's active contract as a
    /// publish would (DECISIONS §3.1: under the active and the requested mode; guarantees under the asset's
    /// guarantee_mode). A contract imported from this very manifest text, or with the same view, guarantees and mode
    /// and no native finding, is unchanged.
    /// </summary>
    public async Task JudgeAsync(DbtSyncPlan plan, DbtManifestInput input, CancellationToken cancellationToken)
    {
        var assetIds = plan.Nodes.Where(n => n.Asset is { DeletedAt: null }).Select(n => n.Asset!.Id).ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => assetIds.Contains(c.AssetId) && c.Status == ContractStatus.Active)
            .ToDictionaryAsync(c => c.AssetId, cancellationToken);
        var documentId = contracts.Count == 0 ? null : await documents.FindAsync(input.Text, cancellationToken);
        foreach (var node in plan.Nodes)
        {
            node.Current = node.Asset is { DeletedAt: null } asset ? contracts.GetValueOrDefault(asset.Id) : null;
            if (node.Current is not { } current)
            {
                continue;
            }

            var sameTerms = current.CompatibilityMode == node.RequestedModeOrDefault
                && StoredJson.Canonical(StoredJson.Read(current.GuaranteesJson ?? "{}")) == StoredJson.Canonical(node.Guarantees);
            if (sameTerms && current.SchemaFormat == StoredSchemaFormat.Dbt && documentId is not null && current.SourceDocumentId == documentId
                && current.SourceSelector == node.Node.UniqueId)
            {
                node.ContractUnchanged = true;
                continue;
            }

            if (sameTerms && StoredJson.Canonical(StoredJson.Read(current.SchemaJson)) == StoredJson.Canonical(node.View))
            {
                var native = current.SchemaFormat == StoredSchemaFormat.Dbt;
                var stored = await documents.LoadAsync(current, native, cancellationToken);
                var proposed = native ? node.Document : gate.Load(StoredJson.Write(node.View), StoredSchemaFormat.JsonSchema);
                if (!gate.Engine.Diff(stored, proposed).HasChanges)
                {
                    node.ContractUnchanged = true;
                    continue;
                }
            }

            var preview = await publisher.PreviewAsync(node.Asset!, current, node.Document, node.View, StoredSchemaFormat.Dbt, node.Guarantees,
                node.RequestedMode, cancellationToken);
            node.Verdict = new DbtVerdict(preview.IsCompatible, preview.ChangeType, preview.Breaking);
        }
    }

    /// <summary>
    /// Live dbt-managed assets of <paramref name="teamIds"/> (every team when null) in the plan's environment that
    /// belong to one of the manifest's dbt packages but are no longer in it.
    /// </summary>
    public async Task<List<Asset>> FindMissingAsync(DbtSyncPlan plan, DbtManifest manifest, IReadOnlyCollection<Guid>? teamIds, CancellationToken cancellationToken)
    {
        var packages = manifest.Nodes.Select(n => PackageOf(n.UniqueId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var query = db.Assets.Where(a => a.Environment == plan.Environment && a.DeletedAt == null
            && (a.MetadataJson.Contains("dbt_node_id") || a.MetadataJson.Contains("dbt_source_id")));
        if (teamIds is not null)
        {
            var ids = teamIds.ToList();
            query = query.Where(a => ids.Contains(a.OwnerTeamId));
        }

        var candidates = await query.ToListAsync(cancellationToken);
        var planned = plan.Nodes.Select(n => (n.Asset ?? n.Existing)?.Id).OfType<Guid>().ToHashSet();
        return [.. candidates.Where(a => !planned.Contains(a.Id) && DbtIdOf(a.MetadataJson) is { } id && !manifest.ById.ContainsKey(id)
            && PackageOf(id) is { } package && packages.Contains(package)).OrderBy(a => a.Fqn, StringComparer.Ordinal)];
    }

    /// <summary><c>dbt_node_id</c> or <c>dbt_source_id</c> of an asset's metadata, or null when it is not dbt-managed.</summary>
    public static string? DbtIdOf(string metadataJson)
    {
        if (!metadataJson.Contains("dbt_", StringComparison.Ordinal))
        {
            return null;
        }

        var metadata = StoredJson.ReadObject(metadataJson);
        return JsonText(metadata["dbt_node_id"]) ?? JsonText(metadata["dbt_source_id"]);
    }

    /// <summary>The dbt package of a unique_id (<c>model.&lt;package&gt;.name</c>).</summary>
    public static string? PackageOf(string uniqueId)
    {
        var parts = uniqueId.Split('.');
        return parts.Length >= 3 ? parts[1] : null;
    }

    private static string? JsonText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private async Task<TeamIndex> LoadTeamsAsync(List<DbtNodePlan> nodes, Team? defaultOwner, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (MetaString(node, "owner_team") is { } owner)
            {
                names.Add(owner);
            }

            foreach (var consumer in DeclaredConsumerNames(node.Node.Tessera))
            {
                names.Add(consumer);
            }
        }

        var index = new TeamIndex();
        if (defaultOwner is not null)
        {
            index.Add(defaultOwner);
        }

        if (names.Count == 0)
        {
            return index;
        }

        var exact = names.ToList();
        foreach (var team in await db.Teams.Where(t => t.DeletedAt == null && exact.Contains(t.Name)).ToListAsync(cancellationToken))
        {
            index.Add(team);
        }

        // Names that did not match exactly may still match one team ignoring case.
        var lower = names.Where(n => index.Find(n) is null).Select(n => n.ToLowerInvariant()).Distinct().ToList();
        if (lower.Count > 0)
        {
            foreach (var team in await db.Teams.Where(t => t.DeletedAt == null && lower.Contains(t.Name.ToLower())).ToListAsync(cancellationToken))
            {
                index.Add(team);
            }
        }

        return index;
    }

    private async Task<Dictionary<string, Users.User>> LoadUsersAsync(List<DbtNodePlan> nodes, CancellationToken cancellationToken)
    {
        var emails = nodes.Select(n => MetaString(n, "owner_user")?.Trim().ToLowerInvariant()).OfType<string>().Distinct().ToList();
        if (emails.Count == 0)
        {
            return new Dictionary<string, Users.User>(StringComparer.Ordinal);
        }

        var users = await db.Users.Where(u => u.DeactivatedAt == null && u.Email != null && emails.Contains(u.Email.ToLower())).ToListAsync(cancellationToken);
        return users.GroupBy(u => u.Email!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>Owner (meta owner_team, else owner_user's team, else the current owner of a managed asset, else owner_team_id), mode and consumers.</summary>
    private static void ResolveMeta(DbtNodePlan plan, TeamIndex teams, Dictionary<string, Users.User> users, Team? defaultOwner)
    {
        var id = plan.Node.UniqueId;
        Team? metaTeam = null;
        if (MetaString(plan, "owner_team") is { } ownerName)
        {
            metaTeam = teams.Find(ownerName);
            if (metaTeam is null)
            {
                plan.MetaErrors.Add((DbtMetaProblem.Owner, $"{id}: owner_team '{ownerName}' is not a team"));
            }
        }
        else if (plan.Node.Tessera?["owner_team"] is not null)
        {
            plan.MetaErrors.Add((DbtMetaProblem.Owner, $"{id}: meta.tessera.owner_team must be a team name"));
        }

        Users.User? metaUser = null;
        if (MetaString(plan, "owner_user") is { } email)
        {
            metaUser = users.GetValueOrDefault(email.Trim().ToLowerInvariant());
            if (metaUser is null)
            {
                plan.MetaErrors.Add((DbtMetaProblem.Owner, $"{id}: owner_user '{email}' is not an active user"));
            }
        }

        var userTeam = metaUser?.TeamId is { } userTeamId ? teams.ById.GetValueOrDefault(userTeamId) : null;
        var managedOwner = plan.IsManaged ? teams.ById.GetValueOrDefault(plan.Existing!.OwnerTeamId) : null;
        var existingOwner = plan.Existing is null ? null : teams.ById.GetValueOrDefault(plan.Existing.OwnerTeamId);
        var owner = metaTeam ?? userTeam ?? managedOwner ?? defaultOwner ?? existingOwner;
        plan.OwnerTeam = owner;
        if (owner is null)
        {
            plan.OwnershipWarnings.Add($"{id} ({plan.Fqn}) skipped: no owner (set meta.tessera.owner_team or owner_user, or send owner_team_id)");
        }
        else if (metaUser is not null)
        {
            if (metaUser.TeamId == owner.Id)
            {
                plan.OwnerUserId = metaUser.Id;
            }
            else
            {
                plan.OwnershipWarnings.Add($"{id}: owner_user '{metaUser.Email}' is not in the owner team {owner.Name}; no owner user set");
            }
        }
        else if (plan.IsManaged && plan.Existing!.OwnerTeamId == owner.Id)
        {
            plan.OwnerUserId = plan.Existing.OwnerUserId;
        }

        if (MetaString(plan, "compatibility_mode") is { } mode)
        {
            if (EnumText.TryParse<ContractCompatibility>(mode.Trim().ToLowerInvariant(), out var parsed))
            {
                plan.RequestedMode = parsed;
            }
            else
            {
                plan.MetaErrors.Add((DbtMetaProblem.Mode,
                    $"{id}: compatibility_mode '{mode}' is not one of {EnumText.Allowed<ContractCompatibility>()}; the default applies"));
            }
        }

        foreach (var name in DeclaredConsumerNames(plan.Node.Tessera))
        {
            var team = teams.Find(name);
            plan.DeclaredConsumers.Add((name, team));
            if (team is null)
            {
                plan.MetaErrors.Add((DbtMetaProblem.Consumer, $"{id}: consumer team '{name}' is not a team"));
            }
        }
    }

    /// <summary>Teams that own a node which <c>ref()</c>s another team's node are consumers of it.</summary>
    private static void ResolveConsumersFromRefs(DbtSyncPlan plan)
    {
        var byId = plan.Nodes.ToDictionary(n => n.Node.UniqueId, StringComparer.Ordinal);
        foreach (var dependent in plan.Nodes)
        {
            if (dependent.OwnerTeam is not { } team)
            {
                continue;
            }

            foreach (var dependencyId in dependent.Node.DependsOn)
            {
                if (byId.TryGetValue(dependencyId, out var dependency) && dependency.OwnerTeam is { } owner && owner.Id != team.Id
                    && !dependency.ConsumersFromRefs.Any(t => t.Id == team.Id))
                {
                    dependency.ConsumersFromRefs.Add(team);
                }
            }
        }

        foreach (var node in plan.Nodes)
        {
            node.ConsumersFromRefs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
    }

    /// <summary>The asset metadata after the import: the asset's own keys kept, the import's keys replaced (compatibility.md §4.5).</summary>
    private static JsonObject Metadata(DbtNodePlan plan, DbtManifest manifest)
    {
        var metadata = plan.Existing is null ? [] : StoredJson.ReadObject(plan.Existing.MetadataJson);
        foreach (var key in OwnedKeys)
        {
            metadata.Remove(key);
        }

        foreach (var (key, value) in DbtJsonSchema.Metadata(plan.Node, manifest))
        {
            metadata[key] = value?.DeepClone();
        }

        return metadata;
    }

    private static string? MetaString(DbtNodePlan plan, string key) =>
        JsonText(plan.Node.Tessera?[key]) is { } text && text.Trim().Length > 0 ? text.Trim() : null;

    /// <summary><c>meta.tessera.consumers</c>: <c>[{team, purpose?}]</c> or team names.</summary>
    private static IEnumerable<string> DeclaredConsumerNames(JsonObject? tessera)
    {
        if (tessera?["consumers"] is not JsonArray consumers)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var consumer in consumers)
        {
            var name = consumer is JsonObject entry ? JsonText(entry["team"]) : JsonText(consumer);
            if (name?.Trim() is { Length: > 0 } clean && seen.Add(clean))
            {
                yield return clean;
            }
        }
    }

    private sealed class TeamIndex
    {
        private readonly Dictionary<string, Team> _byName = new(StringComparer.Ordinal);

        public Dictionary<Guid, Team> ById { get; } = [];

        public void Add(Team team)
        {
            ById[team.Id] = team;
            _byName[team.Name] = team;
        }

        public Team? Find(string name)
        {
            if (_byName.TryGetValue(name, out var exact))
            {
                return exact;
            }

            var folded = _byName.Values.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            return folded.Count == 1 ? folded[0] : null;
        }
    }
}

/// <summary>A manifest planned against the database.</summary>
/// <param name="Collisions">Nodes left out because an earlier node (by unique_id) has the same FQN.</param>
/// <param name="TeamNames">Names of every team the plan refers to.</param>
public sealed record DbtSyncPlan(string Environment, IReadOnlyList<DbtNodePlan> Nodes, IReadOnlyList<string> Collisions,
    IReadOnlyDictionary<Guid, string> TeamNames);

/// <summary>How a node's contract compares with its asset's active one: whether it may publish, its change level and what blocks it.</summary>
public sealed record DbtVerdict(bool Compatible, VersionChange ChangeType, JsonArray Breaking);

/// <summary>One node of a planned manifest: its asset, owner, consumers, active contract and verdict.</summary>
public sealed class DbtNodePlan(DbtNode node, DbtManifest manifest)
{
    private DbtManifest? _document;
    private JsonObject? _view;
    private JsonObject? _guarantees;

    public DbtNode Node { get; } = node;

    public string Fqn => Node.Fqn;

    /// <summary>The node's contract document: the manifest cut down to this node, judged natively.</summary>
    public DbtManifest Document => _document ??= manifest.Select(Node.UniqueId);

    /// <summary>The asset at the node's FQN and environment before the import (possibly soft-deleted).</summary>
    public Asset? Existing { get; set; }

    /// <summary>The dbt id recorded on <see cref="Existing"/>, if it is dbt-managed.</summary>
    public string? ExistingDbtId { get; set; }

    /// <summary>The existing asset is this node's (its metadata names this unique_id).</summary>
    public bool IsManaged => Existing is not null && ExistingDbtId == Node.UniqueId;

    /// <summary>An asset that is not this node's holds the FQN (a hand-made asset, another importer's, another dbt node's).</summary>
    public bool IsConflict => Existing is not null && !IsManaged;

    public Team? OwnerTeam { get; set; }

    public Guid? OwnerUserId { get; set; }

    public List<string> OwnershipWarnings { get; } = [];

    /// <summary>Problems in <c>meta.tessera</c> (unknown teams or users, an unknown mode): blocking in a diff.</summary>
    public List<(DbtMetaProblem Kind, string Message)> MetaErrors { get; } = [];

    /// <summary><c>meta.tessera.compatibility_mode</c>, when valid.</summary>
    public ContractCompatibility? RequestedMode { get; set; }

    public ContractCompatibility RequestedModeOrDefault => RequestedMode ?? Current?.CompatibilityMode ?? ContractCompatibility.Backward;

    /// <summary><c>meta.tessera.consumers</c> by name, with the team when it exists.</summary>
    public List<(string Name, Team? Team)> DeclaredConsumers { get; } = [];

    /// <summary>Owners of other teams' nodes that depend on this one.</summary>
    public List<Team> ConsumersFromRefs { get; } = [];

    /// <summary>The metadata the asset has after the import.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The asset the import works on (created, updated or kept); null when the node is skipped.</summary>
    public Asset? Asset { get; set; }

    public Contract? Current { get; set; }

    /// <summary>The verdict against <see cref="Current"/> (null when there is none, or nothing changed).</summary>
    public DbtVerdict? Verdict { get; set; }

    /// <summary>The contract's view, guarantees and mode equal the active contract's and the engine finds no change: nothing to publish.</summary>
    public bool ContractUnchanged { get; set; }

    public JsonObject View => _view ??= Node.ToJsonSchema();

    public JsonObject Guarantees => _guarantees ??= Node.Guarantees.ToJson();

    /// <summary>A contract is made for nodes with documented columns (or that already have one).</summary>
    public bool HasSchema => Node.Columns.Count > 0;

    /// <summary>The asset's description after the import (at most 2000 characters).</summary>
    public string Description => Node.Description.Length > 2000 ? Node.Description[..2000] : Node.Description;

    /// <summary>The asset's tags after the import: the node's tags (else meta.tags), at most 100 non-empty ones of at most 100 characters.</summary>
    public IReadOnlyList<string> Tags => [.. DbtJsonSchema.AssetTags(Node).Select(t => t.Trim()).Where(t => t.Length is > 0 and <= 100).Distinct(StringComparer.Ordinal).Take(100)];

    /// <summary>The fields of <see cref="Existing"/> the import changes (empty when there is no existing asset).</summary>
    public IReadOnlyList<string> AssetChanges()
    {
        if (Existing is not { } asset)
        {
            return [];
        }

        var changed = new List<string>();
        if (asset.DeletedAt is not null)
        {
            changed.Add("deleted_at");
        }

        if (OwnerTeam is { } owner && asset.OwnerTeamId != owner.Id)
        {
            changed.Add("owner_team_id");
        }

        if (asset.OwnerUserId != OwnerUserId)
        {
            changed.Add("owner_user_id");
        }

        if ((asset.Description ?? "") != Description)
        {
            changed.Add("description");
        }

        if (asset.ResourceType != ResourceType)
        {
            changed.Add("resource_type");
        }

        if (StoredJson.Canonical(StoredJson.Read(asset.MetadataJson)) != StoredJson.Canonical(Metadata))
        {
            changed.Add("metadata");
        }

        if (!StoredJson.ReadList(asset.TagsJson).SequenceEqual(Tags, StringComparer.Ordinal))
        {
            changed.Add("tags");
        }

        return changed;
    }

    public ResourceType ResourceType => Node.ResourceType switch
    {
        DbtResourceType.Model => ResourceType.Model,
        DbtResourceType.Seed => ResourceType.Seed,
        DbtResourceType.Snapshot => ResourceType.Snapshot,
        _ => ResourceType.Source,
    };
}

/// <summary>What a <c>meta.tessera</c> problem is about (which warning list of an upload it goes to).</summary>
public enum DbtMetaProblem { Owner, Mode, Consumer }