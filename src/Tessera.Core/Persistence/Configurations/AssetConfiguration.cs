using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Assets;
using Tessera.Core.Services;
using Tessera.Core.Teams;
using Tessera.Core.Users;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.ToTable("assets");
        builder.Property(a => a.Fqn).HasMaxLength(1000);
        builder.Property(a => a.Description).HasMaxLength(2000);
        builder.Property(a => a.Environment).HasMaxLength(50);
        builder.HasIndex(a => new { a.Fqn, a.Environment }).IsUnique();
        builder.HasIndex(a => new { a.OwnerTeamId, a.DeletedAt });
        builder.HasIndex(a => new { a.Environment, a.DeletedAt });
        builder.HasIndex(a => a.OwnerUserId);
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ServiceId);
        builder.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}