namespace Tessera.Core.Teams;

public sealed class Team
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public string MetadataJson { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeletedAt { get; set; }
}