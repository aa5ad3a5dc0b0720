using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Tessera.Core.Contracts;

namespace Tessera.Core.Persistence.Configurations;

internal sealed class SourceDocumentConfiguration : IEntityTypeConfiguration<SourceDocument>
{
    public void Configure(EntityTypeBuilder<SourceDocument> builder)
    {
        builder.ToTable("source_documents");
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.Format).HasMaxLength(32);
        builder.HasIndex(d => d.Sha256).IsUnique();
    }
}