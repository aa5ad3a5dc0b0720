using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Repos;
using Tessera.Core.Services;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.RootPath).HasMaxLength(500);
        builder.Property(s => s.OtelServiceName).HasMaxLength(200);
        builder.HasIndex(s => new { s.Name, s.RepoId }).IsUnique().HasFilter("deleted_at IS NULL").HasDatabaseName("ux_services_name_repo_active");
        builder.HasIndex(s => s.RepoId);
        builder.HasIndex(s => s.OtelServiceName);
        builder.HasOne<Repo>().WithMany().HasForeignKey(s => s.RepoId).OnDelete(DeleteBehavior.Restrict);
    }
}