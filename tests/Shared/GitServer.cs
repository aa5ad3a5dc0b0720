using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tessera.Testing;

/// <summary>
/// A real git server on loopback for sync tests: bare repositories made with the git CLI in a temp folder, served by
/// <c>git http-backend</c> (CGI) behind a small Kestrel host over HTTPS, with a throwaway CA whose certificate
/// (<see cref="CaFile"/>) git is told to trust. Optionally plain http (for the insecure-loopback option). Repositories
/// can require a token (<c>x-access-token:&lt;token&gt;</c> basic auth); every request is recorded.
/// </summary>
public sealed class GitServer : IAsyncDisposable
{
    // One throwaway CA and server certificate per test process: RSA key generation is slow on a shared machine.
    private static readonly Lazy<(X509Certificate2 Server, string CaPem)> SharedCertificates = new(Certificates);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private GitServer(string root, string caFile, WebApplication app, string baseUrl)
    {
        Root = root;
        CaFile = caFile;
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The folder holding the bare repositories (and the CA file).</summary>
    public string Root { get; }

    /// <summary>PEM file of the CA that signed the server certificate (for GIT_SSL_CAINFO).</summary>
    public string CaFile { get; }

    public string BaseUrl { get; }

    /// <summary>Every request: method, path and query, Authorization header (or null).</summary>
    public ConcurrentQueue<(string Method, string Path, string? Authorization)> Requests { get; } = new();

    public static async Task<GitServer> StartAsync(bool https = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "tessera-git-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "repos"));
        var (serverCertificate, caPem) = SharedCertificates.Value;
        var caFile = Path.Combine(root, "ca.pem");
        await File.WriteAllTextAsync(caFile, caPem);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            if (https)
            {
                l.UseHttps(serverCertificate);
            }
        }));
        var app = builder.Build();
        GitServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server = new GitServer(root, caFile, app, $"{(https ? "https" : "http")}://127.0.0.1:{port}");
        return server;
    }

    /// <summary>A new repository with an initial empty history; push content with <see cref="GitRepository.CommitAsync"/>.</summary>
    public GitRepository CreateRepository(string? name = null, string? requiredToken = null)
    {
        name ??= "repo-" + Guid.NewGuid().ToString("N")[..10];
        var bare = Path.Combine(Root, "repos", name + ".git");
        var work = Path.Combine(Root, "work", name);
        Directory.CreateDirectory(work);
        Git(Root, "init", "--quiet", "--bare", "--initial-branch=main", bare);
        Git(work, "init", "--quiet", "--initial-branch=main");
        if (requiredToken is not null)
        {
            _tokens[name + ".git"] = requiredToken;
        }

        return new GitRepository(name, work, bare, $"{BaseUrl}/git/{name}.git");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        Requests.Enqueue((request.Method, request.Path + request.QueryString, authorization.Length == 0 ? null : authorization));
        if (!request.Path.StartsWithSegments("/git", out var rest))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var repository = rest.Value!.TrimStart('/').Split('/')[0];
        if (_tokens.TryGetValue(repository, out var token)
            && authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token)))
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = Path.Combine(Root, "repos");
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["PATH_INFO"] = rest.Value;
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
        {
            start.Environment["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        body.Position = 0;
        await body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();

        var output = process.StandardOutput.BaseStream;
        var header = new MemoryStream();
        while (true)
        {
            var b = output.ReadByte();
            if (b < 0)
            {
                break;
            }

            header.WriteByte((byte)b);
            var text = header.Length >= 4 ? Encoding.ASCII.GetString(header.GetBuffer(), (int)header.Length - 4, 4) : "";
            if (text == "\r\n\r\n" || text.EndsWith("\n\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        foreach (var line in Encoding.ASCII.GetString(header.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers[key] = value;
            }
        }

        await output.CopyToAsync(context.Response.Body);
        await process.WaitForExitAsync();
        _ = await errors;
    }

    /// <summary>Runs git for the test's own set-up (never the code under test).</summary>
    public static string Git(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        }

        return output;
    }

    private static (X509Certificate2 Server, string CaPem) Certificates()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Tessera Test Git CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var notBefore = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = serverRequest.Create(ca, notBefore, notAfter.AddDays(-1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        return (server, ca.ExportCertificatePem());
    }
}

/// <summary>A bare repository served by <see cref="GitServer"/> and the working copy that pushes to it.</summary>
public sealed class GitRepository(string name, string workDirectory, string bareDirectory, string url)
{
    public string Name { get; } = name;

    public string WorkDirectory { get; } = workDirectory;

    public string BareDirectory { get; } = bareDirectory;

    public string Url { get; } = url;

    public GitRepository Write(string path, string content)
    {
        var full = Path.Combine(WorkDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public GitRepository WriteBytes(string path, byte[] content)
    {
        var full = Path.Combine(WorkDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    public GitRepository Delete(string path)
    {
        File.Delete(Path.Combine(WorkDirectory, path));
        return this;
    }

    /// <summary>A symbolic link at <paramref name="path"/> pointing at <paramref name="target"/> (committed as a link).</summary>
    public GitRepository Symlink(string path, string target)
    {
        var full = Path.Combine(WorkDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>Commits everything and pushes it to <paramref name="branch"/>; returns the commit sha.</summary>
    public string Commit(string message = "change", string branch = "main")
    {
        GitServer.Git(WorkDirectory, "add", "-A");
        GitServer.Git(WorkDirectory, "commit", "--quiet", "--allow-empty", "-m", message);
        GitServer.Git(WorkDirectory, "push", "--quiet", "--force", BareDirectory, $"HEAD:refs/heads/{branch}");
        return GitServer.Git(WorkDirectory, "rev-parse", "HEAD").Trim();
    }
}

/// <summary>A remote that hangs: accepts TCP connections and never answers.</summary>
public sealed class HangingRemote : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<bool>? _onAccept;
    private int _accepted;
    private int _closedByPeer;

    /// <param name="onAccept">Runs when a connection arrives; returning true closes it at once instead of hanging.</param>
    public HangingRemote(Func<bool>? onAccept = null)
    {
        _onAccept = onAccept;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Connections whose other end (the git process) went away.</summary>
    public int ClosedByPeer => Volatile.Read(ref _closedByPeer);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var c in _clients)
            {
                c.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                if (_onAccept?.Invoke() == true)
                {
                    client.Dispose();
                    continue;
                }

                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = WatchAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task WatchAsync(TcpClient client)
    {
        try
        {
            var buffer = new byte[4096];
            var stream = client.GetStream();
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
                // Swallow whatever the client sends; never answer.
            }

            Interlocked.Increment(ref _closedByPeer);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            if (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _closedByPeer);
            }
        }
    }
}