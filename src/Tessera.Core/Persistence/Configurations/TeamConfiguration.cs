using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Teams;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("teams");
        builder.Property(t => t.Name).HasMaxLength(255);
        builder.HasIndex(t => t.Name).IsUnique().HasFilter("deleted_at IS NULL").HasDatabaseName("ux_teams_name_active");
        builder.HasIndex(t => t.DeletedAt);
    }
}