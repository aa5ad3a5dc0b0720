using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Repos;
using Tessera.Core.Teams;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class RepoConfiguration : IEntityTypeConfiguration<Repo>
{
    public void Configure(EntityTypeBuilder<Repo> builder)
    {
        builder.ToTable("repos");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.GitUrl).HasMaxLength(500);
        builder.Property(r => r.DefaultBranch).HasMaxLength(100);
        builder.Property(r => r.CodeownersPath).HasMaxLength(200);
        builder.Property(r => r.GitToken).HasMaxLength(500);
        builder.Property(r => r.LastSyncedCommit).HasMaxLength(64);
        builder.Property(r => r.SyncLeaseOwner).HasMaxLength(100);
        builder.HasIndex(r => r.Name).IsUnique().HasFilter("deleted_at IS NULL").HasDatabaseName("ux_repos_name_active");
        builder.HasIndex(r => r.GitUrl).IsUnique().HasFilter("deleted_at IS NULL").HasDatabaseName("ux_repos_git_url_active");
        builder.HasIndex(r => r.OwnerTeamId);
        builder.HasIndex(r => new { r.SyncEnabled, r.LastSyncedAt });
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}