namespace Tessera.Core.ApiKeys;

public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Lower-case hex SHA-256 of the full key (keys are 256-bit random, so a fast hash is enough).</summary>
    public required string KeyHash { get; set; }

    public required string KeyPrefix { get; set; }

    public required string Name { get; set; }

    public Guid TeamId { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>JSON list of scope names.</summary>
    public string ScopesJson { get; set; } = "[\"read\",\"write\"]";

    public string? AgentName { get; set; }

    public string? AgentFramework { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsAgent => AgentName is not null;
}