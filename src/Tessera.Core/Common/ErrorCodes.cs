namespace Tessera.Core.Common;

/// <summary>The wire error codes (api.md §0).</summary>
public static class ErrorCodes
{
    public const string AssetNotFound = "ASSET_NOT_FOUND";
    public const string TeamNotFound = "TEAM_NOT_FOUND";
    public const string ContractNotFound = "CONTRACT_NOT_FOUND";
    public const string ProposalNotFound = "PROPOSAL_NOT_FOUND";
    public const string RegistrationNotFound = "REGISTRATION_NOT_FOUND";
    public const string DependencyNotFound = "DEPENDENCY_NOT_FOUND";
    public const string ApiKeyNotFound = "API_KEY_NOT_FOUND";
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string RepoNotFound = "REPO_NOT_FOUND";
    public const string ServiceNotFound = "SERVICE_NOT_FOUND";
    public const string NotFound = "NOT_FOUND";

    public const string DuplicateAsset = "DUPLICATE_ASSET";
    public const string DuplicateTeam = "DUPLICATE_TEAM";
    public const string DuplicateContractVersion = "DUPLICATE_CONTRACT_VERSION";
    public const string DuplicateRegistration = "DUPLICATE_REGISTRATION";
    public const string DuplicateAcknowledgment = "DUPLICATE_ACKNOWLEDGMENT";
    public const string DuplicateDependency = "DUPLICATE_DEPENDENCY";
    public const string DuplicateProposal = "DUPLICATE_PROPOSAL";
    public const string DuplicateUser = "DUPLICATE_USER";
    public const string DuplicateRepo = "DUPLICATE_REPO";
    public const string DuplicateService = "DUPLICATE_SERVICE";
    public const string VersionExists = "VERSION_EXISTS";
    public const string TeamHasAssets = "TEAM_HAS_ASSETS";
    public const string SyncConflict = "SYNC_CONFLICT";

    public const string ValidationError = "VALIDATION_ERROR";
    public const string InvalidSchema = "INVALID_SCHEMA";
    public const string InvalidVersion = "INVALID_VERSION";
    public const string InvalidFqn = "INVALID_FQN";
    public const string InvalidOpenApiSpec = "INVALID_OPENAPI_SPEC";
    public const string InvalidProtoSpec = "INVALID_PROTO_SPEC";
    public const string InvalidManifest = "INVALID_MANIFEST";
    public const string ConflictModeInvalid = "CONFLICT_MODE_INVALID";
    public const string ProposalNotPending = "PROPOSAL_NOT_PENDING";
    public const string SelfDependency = "SELF_DEPENDENCY";
    public const string InvalidInput = "INVALID_INPUT";
    public const string SameTeam = "SAME_TEAM";
    public const string UserTeamMismatch = "USER_TEAM_MISMATCH";
    public const string BadRequest = "BAD_REQUEST";
    public const string InternalError = "INTERNAL_ERROR";

    public const string Unauthorized = "UNAUTHORIZED";
    public const string MissingApiKey = "MISSING_API_KEY";
    public const string InvalidAuthHeader = "INVALID_AUTH_HEADER";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string Forbidden = "FORBIDDEN";
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    public const string InsufficientPermissions = "INSUFFICIENT_PERMISSIONS";
    public const string UnauthorizedTeam = "UNAUTHORIZED_TEAM";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
}