using Tessera.Core.Assets;
using Tessera.Core.Lineage;
using Tessera.Core.Persistence;
using Tessera.Core.Teams;
using Tessera.Core.Tests.Persistence;
using Tessera.Testing;

namespace Tessera.Core.Tests.Lineage;

public sealed class AffectedPartiesTests(PostgresCluster cluster)
{
    private static readonly DateTime Now = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Downstream_MoreThanTheCap_TruncatedAtTheCap_Sqlite()
    {
        await using var db = await Databases.SqliteAsync();
        await AssertTruncatedAsync(db);
    }

    [Fact]
    public async Task Downstream_MoreThanTheCap_TruncatedAtTheCap_Postgres()
    {
        cluster.EnsureAvailable();
        await using var db = await Databases.PostgresAsync(cluster);
        await AssertTruncatedAsync(db);
    }

    [Fact]
    public async Task Downstream_DeletedEdgesAndAssets_AreNotWalked()
    {
        await using var db = await Databases.SqliteAsync();
        var team = Team(db, "owners");
        var root = Asset(db, team, "w.root");
        var live = Asset(db, team, "w.live");
        var gone = Asset(db, team, "w.gone");
        gone.DeletedAt = Now;
        var cut = Asset(db, team, "w.cut");
        Edge(db, live, root);
        Edge(db, gone, root);
        Edge(db, cut, root).DeletedAt = Now;
        await db.SaveChangesAsync();

        var walk = await AffectedParties.DownstreamAsync(db, root.Id, 5, CancellationToken.None);
        Assert.Equal([live.Id], walk.Assets.Select(a => a.AssetId));
        Assert.False(walk.Truncated);
    }

    private static async Task AssertTruncatedAsync(TesseraDbContext db)
    {
        var team = Team(db, "fan-out");
        var root = Asset(db, team, "w.root");
        for (var i = 0; i < AffectedParties.MaxDownstreamAssets + 5; i++)
        {
            Edge(db, Asset(db, team, $"w.leaf_{i:D4}"), root);
        }

        await db.SaveChangesAsync();
        var walk = await AffectedParties.DownstreamAsync(db, root.Id, 3, CancellationToken.None);
        Assert.True(walk.Truncated);
        Assert.Equal(AffectedParties.MaxDownstreamAssets, walk.Assets.Count);
        Assert.Equal("w.leaf_0000", walk.Assets[0].Fqn);
        Assert.All(walk.Assets, a => Assert.Equal(1, a.Depth));

        var small = Asset(db, team, "w.small");
        Edge(db, Asset(db, team, "w.only"), small);
        await db.SaveChangesAsync();
        Assert.False((await AffectedParties.DownstreamAsync(db, small.Id, 3, CancellationToken.None)).Truncated);
    }

    private static Team Team(TesseraDbContext db, string name)
    {
        var team = new Team { Name = name, CreatedAt = Now, UpdatedAt = Now };
        db.Teams.Add(team);
        return team;
    }

    private static Asset Asset(TesseraDbContext db, Team owner, string fqn)
    {
        var asset = new Asset { Fqn = fqn, OwnerTeamId = owner.Id, CreatedAt = Now, UpdatedAt = Now };
        db.Assets.Add(asset);
        return asset;
    }

    private static Dependency Edge(TesseraDbContext db, Asset dependent, Asset dependency)
    {
        var edge = new Dependency { DependentAssetId = dependent.Id, DependencyAssetId = dependency.Id, CreatedAt = Now };
        db.Dependencies.Add(edge);
        return edge;
    }
}