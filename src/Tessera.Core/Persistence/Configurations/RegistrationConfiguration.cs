using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Assets;
using Tessera.Core.Contracts;
using Tessera.Core.Registrations;
using Tessera.Core.Teams;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("registrations");
        builder.Property(r => r.PinnedVersion).HasMaxLength(50);

        // One live registration per consumer team and asset; a deleted one can be registered again.
        builder.HasIndex(r => new { r.AssetId, r.ConsumerTeamId }).IsUnique().HasFilter("deleted_at IS NULL")
            .HasDatabaseName("ux_registrations_asset_team_live");
        builder.HasIndex(r => new { r.ContractId, r.DeletedAt });
        builder.HasIndex(r => new { r.ConsumerTeamId, r.DeletedAt });
        builder.HasOne<Contract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(r => r.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.ConsumerTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}