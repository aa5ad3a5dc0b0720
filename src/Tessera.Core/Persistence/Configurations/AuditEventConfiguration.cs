using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Audit;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.ActorType).HasMaxLength(20);
        builder.HasIndex(e => new { e.EntityType, e.OccurredAt });
        builder.HasIndex(e => e.EntityId);
        builder.HasIndex(e => e.ActorId);
        builder.HasIndex(e => e.OccurredAt);
    }
}