using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.ApiKeys;
using Tessera.Core.Teams;
using Tessera.Core.Users;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.KeyHash).HasMaxLength(128);
        builder.Property(k => k.KeyPrefix).HasMaxLength(32);
        builder.Property(k => k.Name).HasMaxLength(255);
        builder.Property(k => k.AgentName).HasMaxLength(255);
        builder.Property(k => k.AgentFramework).HasMaxLength(100);
        builder.Ignore(k => k.IsAgent);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.KeyPrefix);
        builder.HasIndex(k => k.TeamId);
        builder.HasOne<Team>().WithMany().HasForeignKey(k => k.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}