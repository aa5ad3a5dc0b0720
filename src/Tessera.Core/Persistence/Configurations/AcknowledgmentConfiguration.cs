using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Proposals;
using Tessera.Core.Teams;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class AcknowledgmentConfiguration : IEntityTypeConfiguration<Acknowledgment>
{
    public void Configure(EntityTypeBuilder<Acknowledgment> builder)
    {
        builder.ToTable("acknowledgments");
        builder.Property(a => a.Notes).HasMaxLength(2000);
        builder.HasIndex(a => new { a.ProposalId, a.ConsumerTeamId }).IsUnique();
        builder.HasIndex(a => a.ConsumerTeamId);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.ConsumerTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}