using System.Text.Json.Nodes;

using Microsoft.EntityFrameworkCore;

using Tessera.Core.Access;
using Tessera.Core.Assets;
using Tessera.Core.Audit;
using Tessera.Core.Common;
using Tessera.Core.Persistence;
using Tessera.Core.Repos;

namespace Tessera.Core.Services;

/// <summary>What a caller sends to create or change a service; null means "not sent".</summary>
public sealed record ServiceInput(string? Name = null, Guid? RepoId = null, string? RootPath = null, string? OtelServiceName = null);

/// <summary>A service with its owner (the repo's owner team) and, where asked for, the number of its live assets.</summary>
public sealed record ServiceView(Service Service, Guid OwnerTeamId, int? AssetCount);

/// <summary>
/// Service use cases: create, read, list, change and soft-delete the services of a repo. A service belongs to its
/// repo's owner team; writes need that team (admin bypasses). Deleting a service detaches its assets (their
/// <c>service_id</c> becomes null); the assets themselves stay.
/// </summary>
public sealed class ServiceCatalog(TesseraDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<ServiceView> CreateAsync(Caller caller, ServiceInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var errors = new List<FieldError>();
        var name = RepoInputRules.Name(input.Name, errors);
        if (input.RepoId is null)
        {
            errors.Add(new FieldError("repo_id", "repo_id is required", "missing"));
        }

        var rootPath = RepoInputRules.RootPath(input.RootPath ?? "/", errors);
        var otel = RepoInputRules.OtelServiceName(input.OtelServiceName, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var repoId = input.RepoId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.RepoAsync(db, repoId, exclusive: false, cancellationToken);
        var repo = await db.Repos.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repoId && r.DeletedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.RepoNotFound, "Repo not found");
        caller.RequireTeam(repo.OwnerTeamId, "this repo");
        if (await db.Services.AnyAsync(s => s.RepoId == repoId && s.Name == name && s.DeletedAt == null, cancellationToken))
        {
            throw Duplicate(name);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var service = new Service { Name = name, RepoId = repoId, RootPath = rootPath, OtelServiceName = otel, CreatedAt = now, UpdatedAt = now };
        db.Services.Add(service);
        audit.Record("service", service.Id, "service.created", caller, new JsonObject
        {
            ["name"] = name,
            ["repo_id"] = repoId.ToString(),
            ["root_path"] = rootPath,
            ["auto_discovered"] = false,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw Duplicate(name);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ServiceView(service, repo.OwnerTeamId, 0);
    }

    /// <summary>The live service of a live repo, or 404 <c>SERVICE_NOT_FOUND</c>.</summary>
    public async Task<ServiceView> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await (from s in db.Services
                         join r in db.Repos on s.RepoId equals r.Id
                         where s.Id == id && s.DeletedAt == null && r.DeletedAt == null
                         select new { Service = s, r.OwnerTeamId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainException.NotFound(ErrorCodes.ServiceNotFound, "Service not found");
        return new ServiceView(row.Service, row.OwnerTeamId, null);
    }

    public async Task<ServiceView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await FindAsync(id, cancellationToken);
        return view with { AssetCount = await db.Assets.CountAsync(a => a.ServiceId == id && a.DeletedAt == null, cancellationToken) };
    }

    public async Task<Page<ServiceView>> ListAsync(Guid? repoId, Guid? teamId, string? otelServiceName, PageRequest page, CancellationToken cancellationToken)
    {
        var query = from s in db.Services.AsNoTracking()
                    join r in db.Repos on s.RepoId equals r.Id
                    where s.DeletedAt == null && r.DeletedAt == null
                    select new { Service = s, r.OwnerTeamId };
        if (repoId is { } repo)
        {
            query = query.Where(x => x.Service.RepoId == repo);
        }

        if (teamId is { } team)
        {
            query = query.Where(x => x.OwnerTeamId == team);
        }

        if (!string.IsNullOrWhiteSpace(otelServiceName))
        {
            var otel = otelServiceName.Trim();
            query = query.Where(x => x.Service.OtelServiceName == otel);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(x => x.Service.Name).ThenBy(x => x.Service.Id).Skip(page.Offset).Take(page.Limit)
            .Select(x => new ServiceView(x.Service, x.OwnerTeamId, db.Assets.Count(a => a.ServiceId == x.Service.Id && a.DeletedAt == null)))
            .ToListAsync(cancellationToken);
        return new Page<ServiceView>(rows, total, page.Limit, page.Offset);
    }

    /// <summary>The live assets of a live service, by FQN.</summary>
    public async Task<Page<AssetView>> AssetsAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        var query = db.Assets.AsNoTracking().Where(a => a.ServiceId == id && a.DeletedAt == null);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(a => a.Fqn).ThenBy(a => a.Environment).ThenBy(a => a.Id).Skip(page.Offset).Take(page.Limit)
            .Select(a => new AssetView(
                a,
                db.Teams.Where(t => t.Id == a.OwnerTeamId).Select(t => t.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.Name).FirstOrDefault(),
                db.Users.Where(u => u.Id == a.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
                db.Contracts.Where(c => c.AssetId == a.Id && c.Status == ContractStatus.Active).Select(c => c.Version).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new Page<AssetView>(rows, total, page.Limit, page.Offset);
    }

    /// <summary>
    /// Changes <c>root_path</c> and <c>otel_service_name</c> (an empty one clears it). <c>name</c> and <c>repo_id</c>
    /// cannot change (sending the current value is accepted).
    /// </summary>
    public async Task<ServiceView> UpdateAsync(Caller caller, Guid id, ServiceInput input, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        var view = await FindAsync(id, cancellationToken);
        caller.RequireTeam(view.OwnerTeamId, "this service");
        var service = view.Service;
        var errors = new List<FieldError>();
        if (input.Name is not null && input.Name.Trim() != service.Name)
        {
            errors.Add(new FieldError("name", "name cannot be changed", "immutable"));
        }

        if (input.RepoId is { } repoId && repoId != service.RepoId)
        {
            errors.Add(new FieldError("repo_id", "repo_id cannot be changed", "immutable"));
        }

        var rootPath = input.RootPath is null ? null : RepoInputRules.RootPath(input.RootPath, errors);
        var otel = input.OtelServiceName is null ? null : RepoInputRules.OtelServiceName(input.OtelServiceName, errors);
        if (errors.Count > 0)
        {
            throw DomainException.Invalid(errors);
        }

        var changed = new JsonObject();
        if (rootPath is not null && rootPath != service.RootPath)
        {
            changed["root_path"] = rootPath;
            service.RootPath = rootPath;
        }

        if (input.OtelServiceName is not null && otel != service.OtelServiceName)
        {
            changed["otel_service_name"] = otel;
            service.OtelServiceName = otel;
        }

        if (changed.Count > 0)
        {
            service.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("service", service.Id, "service.updated", caller, new JsonObject
            {
                ["name"] = service.Name,
                ["repo_id"] = service.RepoId.ToString(),
                ["changes"] = changed,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetAsync(id, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(ApiScope.Write);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ServiceAsync(db, id, exclusive: true, cancellationToken);
        var view = await FindAsync(id, cancellationToken);
        caller.RequireTeam(view.OwnerTeamId, "this service");
        var now = clock.GetUtcNow().UtcDateTime;
        var detached = await RepoCatalog.DetachAssetsAsync(db, id, now, cancellationToken);
        view.Service.DeletedAt = now;
        view.Service.UpdatedAt = now;
        audit.Record("service", id, "service.deleted", caller, new JsonObject
        {
            ["name"] = view.Service.Name,
            ["repo_id"] = view.Service.RepoId.ToString(),
            ["assets_detached"] = detached,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static DomainException Duplicate(string name) =>
        DomainException.Conflict(ErrorCodes.DuplicateService, $"A service named '{name}' already exists in this repo");
}