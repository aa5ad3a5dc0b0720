using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Assets;
using Tessera.Core.Contracts;
using Tessera.Core.Proposals;
using Tessera.Core.Teams;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("proposals");
        builder.Property(p => p.ProposedVersion).HasMaxLength(50);
        builder.Property(p => p.ProposedSchemaJson).HasColumnName("proposed_schema");
        builder.HasIndex(p => new { p.AssetId, p.Status });

        // At most one pending proposal per asset.
        builder.HasIndex(p => p.AssetId).IsUnique().HasFilter("status = 'pending'").HasDatabaseName("ux_proposals_one_pending");
        builder.HasIndex(p => p.ProposedAt);
        builder.HasIndex(p => p.ExpiresAt);
        builder.Property(p => p.SourceSelector).HasMaxLength(1000);
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(p => p.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(p => p.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.ProposedBy).OnDelete(DeleteBehavior.Restrict);
    }
}