using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Assets;
using Tessera.Core.Contracts;
using Tessera.Core.Teams;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("contracts");
        builder.Property(c => c.Version).HasMaxLength(50);
        builder.Property(c => c.SchemaJson).HasColumnName("schema");
        builder.HasIndex(c => new { c.AssetId, c.Version }).IsUnique();
        builder.HasIndex(c => new { c.AssetId, c.Status });

        // At most one active contract per asset, whatever the number of server processes.
        builder.HasIndex(c => c.AssetId).IsUnique().HasFilter("status = 'active'").HasDatabaseName("ux_contracts_one_active");
        builder.HasIndex(c => c.PublishedAt);
        builder.Property(c => c.SourceSelector).HasMaxLength(1000);
        builder.HasIndex(c => c.SourceDocumentId);
        builder.HasOne<SourceDocument>().WithMany().HasForeignKey(c => c.SourceDocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(c => c.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.PublishedBy).OnDelete(DeleteBehavior.Restrict);
    }
}