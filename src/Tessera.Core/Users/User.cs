using Tessera.Core.Common;

namespace Tessera.Core.Users;

public sealed class User
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Username { get; set; }

    public string? Email { get; set; }

    public required string Name { get; set; }

    public UserType UserType { get; set; } = UserType.Human;

    public string? PasswordHash { get; set; }

    public UserRole Role { get; set; } = UserRole.User;

    public Guid? TeamId { get; set; }

    public string MetadataJson { get; set; } = "{}";

    public string NotificationPreferencesJson { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? DeactivatedAt { get; set; }
}