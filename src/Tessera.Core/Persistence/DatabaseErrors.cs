using System.Data.Common;

using Microsoft.EntityFrameworkCore;

namespace Tessera.Core.Persistence;

/// <summary>Recognises constraint violations of either provider without referencing the provider packages.</summary>
public static class DatabaseErrors
{
    /// <summary>True when <paramref name="exception"/> is a unique-constraint violation, optionally of the named index.</summary>
    public static bool IsUniqueViolation(Exception exception, string? indexName = null)
    {
        var inner = exception is DbUpdateException { InnerException: { } e } ? e : exception;
        if (inner is not DbException db)
        {
            return false;
        }

        // PostgreSQL: SqlState 23505; SQLite: error 19 (constraint) with "UNIQUE constraint failed".
        var unique = db.SqlState == "23505" || db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
        if (!unique || indexName is null)
        {
            return unique;
        }

        return db.Message.Contains(indexName, StringComparison.Ordinal) || MatchesSqliteColumns(db.Message, indexName);
    }

    /// <summary>True for a serialization failure / deadlock / busy database that a retry can resolve.</summary>
    public static bool IsTransient(Exception exception)
    {
        var inner = exception is DbUpdateException { InnerException: { } e } ? e : exception;
        return inner is DbException db && (db.SqlState is "40001" or "40P01" || db.Message.Contains("database is locked", StringComparison.Ordinal));
    }

    // SQLite names the columns, not the index: "UNIQUE constraint failed: proposals.asset_id".
    private static bool MatchesSqliteColumns(string message, string indexName) => indexName switch
    {
        "ux_proposals_one_pending" => message.Contains("proposals.asset_id", StringComparison.Ordinal),
        "ux_contracts_one_active" => message.Contains("contracts.asset_id", StringComparison.Ordinal) && !message.Contains("contracts.version", StringComparison.Ordinal),
        "ix_contracts_asset_id_version" => message.Contains("contracts.version", StringComparison.Ordinal),
        _ => false,
    };
}