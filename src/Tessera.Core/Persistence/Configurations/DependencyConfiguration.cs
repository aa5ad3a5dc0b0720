using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Assets;
using Tessera.Core.Lineage;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class DependencyConfiguration : IEntityTypeConfiguration<Dependency>
{
    public void Configure(EntityTypeBuilder<Dependency> builder)
    {
        builder.ToTable("dependencies");
        builder.HasIndex(d => new { d.DependentAssetId, d.DependencyAssetId }).IsUnique().HasFilter("deleted_at IS NULL")
            .HasDatabaseName("ux_dependencies_pair_live");
        builder.HasIndex(d => new { d.DependencyAssetId, d.DeletedAt });
        builder.HasOne<Asset>().WithMany().HasForeignKey(d => d.DependentAssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(d => d.DependencyAssetId).OnDelete(DeleteBehavior.Restrict);
    }
}