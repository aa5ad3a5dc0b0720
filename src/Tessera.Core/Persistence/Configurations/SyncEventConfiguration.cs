using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Repos;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class SyncEventConfiguration : IEntityTypeConfiguration<SyncEvent>
{
    public void Configure(EntityTypeBuilder<SyncEvent> builder)
    {
        builder.ToTable("sync_events");
        builder.Property(e => e.CommitSha).HasMaxLength(64);
        builder.Property(e => e.TriggeredBy).HasMaxLength(20);
        builder.HasIndex(e => new { e.RepoId, e.CreatedAt });
        builder.HasOne<Repo>().WithMany().HasForeignKey(e => e.RepoId).OnDelete(DeleteBehavior.Restrict);
    }
}