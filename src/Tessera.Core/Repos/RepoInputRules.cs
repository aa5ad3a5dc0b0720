using System.Text.RegularExpressions;

using Tessera.Core.Common;

namespace Tessera.Core.Repos;

/// <summary>
/// The field rules of repos and services (the brief's "Input validation" table, tightened so that nothing a user
/// types can become a git option, another transport or a path outside the clone). Each rule adds a
/// <see cref="FieldError"/> to the list it is given and returns the cleaned value, so one request reports every
/// bad field at once.
/// </summary>
public static partial class RepoInputRules
{
    public const int MaxNameLength = 200;
    public const int MaxGitUrlLength = 500;
    public const int MaxBranchLength = 100;
    public const int MaxSpecPaths = 100;
    public const int MaxSpecPathLength = 500;
    public const int MaxCodeownersPathLength = 200;
    public const int MaxRootPathLength = 500;
    public const int MaxOtelServiceNameLength = 200;
    public const int MaxGitTokenLength = 500;
    public const int MaxSshKeyLength = 16_384;
    public const int MinPollIntervalSeconds = 60;
    public const int MaxPollIntervalSeconds = 86_400;

    /// <summary>A repo or service name: trimmed, 1–200 characters, no control characters.</summary>
    public static string Name(string? value, List<FieldError> errors, string field = "name")
    {
        var clean = value?.Trim() ?? "";
        if (clean.Length == 0)
        {
            errors.Add(new FieldError(field, $"{field} is required", "missing"));
        }
        else if (clean.Length > MaxNameLength)
        {
            errors.Add(new FieldError(field, $"{field} must be at most {MaxNameLength} characters", "value_error.any_str.length"));
        }
        else if (clean.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, $"{field} must not contain control characters", "value_error"));
        }

        return clean;
    }

    /// <summary>
    /// <c>https://host/path</c> or <c>git@host:path</c>, at most 500 characters; no whitespace or control
    /// characters (also percent-encoded), no other transport (<c>ext::</c>, <c>file://</c>), no credentials in the
    /// URL (use <c>git_token</c>), no query or fragment, and no host or path segment starting with <c>-</c> (which
    /// git or ssh would read as an option, e.g. <c>--upload-pack=…</c>, <c>-oProxyCommand=…</c>).
    /// </summary>
    public static string GitUrl(string? value, List<FieldError> errors)
    {
        const string field = "git_url";
        var url = value?.Trim() ?? "";
        var problem = GitUrlProblem(url);
        if (problem is not null)
        {
            errors.Add(new FieldError(field, problem, url.Length == 0 ? "missing" : "value_error"));
        }

        return url;
    }

    /// <summary>Why <paramref name="url"/> is not an acceptable git URL, or null when it is.</summary>
    public static string? GitUrlProblem(string url)
    {
        if (url.Length == 0)
        {
            return "git_url is required";
        }

        if (url.Length > MaxGitUrlLength)
        {
            return $"git_url must be at most {MaxGitUrlLength} characters";
        }

        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "git_url must not contain whitespace or control characters";
        }

        if (url.Contains("ext::", StringComparison.OrdinalIgnoreCase) || url.Contains("file://", StringComparison.OrdinalIgnoreCase))
        {
            return "git_url must use https:// or git@ (ext:: and file:// transports are refused)";
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(url);
        }
        catch (UriFormatException)
        {
            return "git_url is not a valid URL";
        }

        if (decoded.Any(char.IsControl))
        {
            return "git_url must not contain encoded control characters";
        }

        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
            {
                return "git_url is not a valid https URL";
            }

            if (uri.UserInfo.Length > 0 || url["https://".Length..AuthorityEnd(url)].Contains('@', StringComparison.Ordinal))
            {
                return "git_url must not carry credentials; send the token as git_token";
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || url.Contains('?', StringComparison.Ordinal) || url.Contains('#', StringComparison.Ordinal))
            {
                return "git_url must not have a query or fragment";
            }

            if (url.Contains('\\', StringComparison.Ordinal))
            {
                return "git_url must not contain backslashes";
            }

            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0)
            {
                return "git_url must name a repository path";
            }

            return segments.Any(s => s.StartsWith('-') || Uri.UnescapeDataString(s).StartsWith('-') || s == ".." || Uri.UnescapeDataString(s) == "..")
                ? "git_url path segments must not start with '-' or be '..'"
                : null;
        }

        if (url.StartsWith("git@", StringComparison.Ordinal))
        {
            var match = ScpLikeUrl().Match(url);
            if (!match.Success)
            {
                return "git_url must look like git@host:owner/repo.git";
            }

            var path = match.Groups["path"].Value;
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0)
            {
                return "git_url must name a repository path";
            }

            return segments.Any(s => s.StartsWith('-') || s == "..") || path.Contains('\\', StringComparison.Ordinal)
                ? "git_url path segments must not start with '-' or be '..'"
                : null;
        }

        return "git_url must start with https:// or git@";
    }

    /// <summary>
    /// A branch name git accepts (<c>git check-ref-format --branch</c>) within the brief's table: 1–100 characters
    /// of <c>a-z A-Z 0-9 . / _ -</c>, starting with a letter or digit; no <c>..</c> or <c>//</c>; no segment starting
    /// with <c>.</c> or ending with <c>.lock</c>; not ending with <c>/</c> or <c>.</c>; not <c>HEAD</c>.
    /// </summary>
    public static string Branch(string? value, List<FieldError> errors)
    {
        const string field = "default_branch";
        var branch = value?.Trim() ?? "";
        var problem = BranchProblem(branch);
        if (problem is not null)
        {
            errors.Add(new FieldError(field, problem, branch.Length == 0 ? "missing" : "value_error"));
        }

        return branch;
    }

    /// <summary>Why <paramref name="branch"/> is not an acceptable branch name, or null when it is.</summary>
    public static string? BranchProblem(string branch)
    {
        if (branch.Length == 0)
        {
            return "default_branch is required";
        }

        if (branch.Length > MaxBranchLength)
        {
            return $"default_branch must be at most {MaxBranchLength} characters";
        }

        if (!BranchCharacters().IsMatch(branch))
        {
            return "default_branch must start with a letter or digit and contain only letters, digits, '.', '/', '_' and '-'";
        }

        if (branch.Contains("..", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal))
        {
            return "default_branch must not contain '..' or '//'";
        }

        if (branch.EndsWith('/') || branch.EndsWith('.'))
        {
            return "default_branch must not end with '/' or '.'";
        }

        if (branch.Split('/').Any(s => s.StartsWith('.') || s.EndsWith(".lock", StringComparison.Ordinal)))
        {
            return "default_branch segments must not start with '.' or end with '.lock'";
        }

        return branch == "HEAD" ? "default_branch must not be HEAD" : null;
    }

    /// <summary>
    /// Globs, directories or files relative to the repository root: at most 100 entries of 1–500 characters, no
    /// <c>..</c> segment, not absolute (<c>/x</c>, <c>C:</c>, <c>~</c>), forward slashes only, no control characters.
    /// </summary>
    public static List<string> SpecPaths(IReadOnlyList<string?>? values, List<FieldError> errors)
    {
        const string field = "spec_paths";
        var result = new List<string>();
        if (values is null)
        {
            return result;
        }

        if (values.Count > MaxSpecPaths)
        {
            errors.Add(new FieldError(field, $"spec_paths must have at most {MaxSpecPaths} entries", "value_error.list.max_items"));
            return result;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var clean = RelativePath(values[i], $"{field}[{i}]", MaxSpecPathLength, required: true, errors);
            if (clean is not null)
            {
                result.Add(clean);
            }
        }

        return result;
    }

    /// <summary>A path relative to the repository root (the same rules as one spec path); null or empty means none.</summary>
    public static string? CodeownersPath(string? value, List<FieldError> errors) =>
        RelativePath(value, "codeowners_path", MaxCodeownersPathLength, required: false, errors);

    /// <summary>
    /// A service's root inside the repo: <c>/</c> (the default, the whole repo) or a folder such as
    /// <c>services/orders</c> or <c>/services/orders</c>; no <c>..</c> segment, forward slashes, no control characters.
    /// </summary>
    public static string RootPath(string? value, List<FieldError> errors)
    {
        const string field = "root_path";
        var clean = value?.Trim() ?? "";
        if (clean.Length == 0)
        {
            errors.Add(new FieldError(field, "root_path must not be empty (use '/' for the whole repository)", "missing"));
        }
        else if (clean.Length > MaxRootPathLength)
        {
            errors.Add(new FieldError(field, $"root_path must be at most {MaxRootPathLength} characters", "value_error.any_str.length"));
        }
        else if (clean.Any(char.IsControl) || clean.Contains('\\', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, "root_path must use '/' and must not contain control characters", "value_error"));
        }
        else if (clean.Split('/').Any(s => s == ".."))
        {
            errors.Add(new FieldError(field, "root_path must not contain '..' segments", "value_error"));
        }

        return clean;
    }

    /// <summary>The OTel <c>service.name</c>: at most 200 characters, no control characters; empty means none.</summary>
    public static string? OtelServiceName(string? value, List<FieldError> errors)
    {
        const string field = "otel_service_name";
        var clean = value?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            return null;
        }

        if (clean.Length > MaxOtelServiceNameLength)
        {
            errors.Add(new FieldError(field, $"otel_service_name must be at most {MaxOtelServiceNameLength} characters", "value_error.any_str.length"));
        }
        else if (clean.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, "otel_service_name must not contain control characters", "value_error"));
        }

        return clean;
    }

    public static int PollInterval(int value, List<FieldError> errors)
    {
        if (value is < MinPollIntervalSeconds or > MaxPollIntervalSeconds)
        {
            errors.Add(new FieldError("poll_interval_seconds",
                $"poll_interval_seconds must be between {MinPollIntervalSeconds} and {MaxPollIntervalSeconds}", "value_error.number.range"));
        }

        return value;
    }

    /// <summary>
    /// An HTTPS token: 1–500 visible ASCII characters, no whitespace. Never echoed in the error message. The
    /// sync percent-encodes it when it puts it in a URL.
    /// </summary>
    public static string GitToken(string value, List<FieldError> errors)
    {
        if (value.Length > MaxGitTokenLength)
        {
            errors.Add(new FieldError("git_token", $"git_token must be at most {MaxGitTokenLength} characters", "value_error.any_str.length"));
        }
        else if (value.Any(c => c is <= ' ' or > '~'))
        {
            errors.Add(new FieldError("git_token", "git_token must be visible ASCII characters without whitespace", "value_error"));
        }

        return value;
    }

    /// <summary>An SSH deploy key: a PEM or OpenSSH private key (<c>-----BEGIN … PRIVATE KEY-----</c>), at most 16 KB. Never echoed.</summary>
    public static string SshKey(string value, List<FieldError> errors)
    {
        var clean = value.Trim();
        if (clean.Length > MaxSshKeyLength)
        {
            errors.Add(new FieldError("ssh_key", $"ssh_key must be at most {MaxSshKeyLength} characters", "value_error.any_str.length"));
        }
        else if (!clean.StartsWith("-----BEGIN ", StringComparison.Ordinal) || !clean.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
            || clean.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            errors.Add(new FieldError("ssh_key", "ssh_key must be a PEM or OpenSSH private key (-----BEGIN … PRIVATE KEY-----)", "value_error"));
        }

        return clean + "\n";
    }

    private static string? RelativePath(string? value, string field, int max, bool required, List<FieldError> errors)
    {
        var clean = value?.Trim() ?? "";
        if (clean.Length == 0)
        {
            if (required)
            {
                errors.Add(new FieldError(field, $"{field} must not be empty", "missing"));
            }

            return null;
        }

        if (clean.Length > max)
        {
            errors.Add(new FieldError(field, $"{field} must be at most {max} characters", "value_error.any_str.length"));
        }
        else if (clean.Any(char.IsControl) || clean.Contains('\\', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, $"{field} must use '/' and must not contain control characters", "value_error"));
        }
        else if (clean.StartsWith('/') || clean.StartsWith('~') || (clean.Length >= 2 && char.IsAsciiLetter(clean[0]) && clean[1] == ':'))
        {
            errors.Add(new FieldError(field, $"{field} must be relative to the repository root", "value_error"));
        }
        else if (clean.Split('/').Any(s => s == ".."))
        {
            errors.Add(new FieldError(field, $"{field} must not contain '..' segments", "value_error"));
        }

        return clean;
    }

    private static int AuthorityEnd(string url)
    {
        var end = url.IndexOf('/', "https://".Length);
        return end < 0 ? url.Length : end;
    }

    [GeneratedRegex(@"^git@(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(?<path>[^:].*)$")]
    private static partial Regex ScpLikeUrl();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    private static partial Regex BranchCharacters();
}