using System.Globalization;
using System.Text;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Tessera.Core.Persistence;

namespace Tessera.Server.Tests.Infrastructure;

/// <summary>
/// Every row of every table of the model, as text, to prove that a refused request wrote nothing (no new row, no
/// changed row, no audit event). The one column a read legitimately changes, <c>api_keys.last_used_at</c>, is left out.
/// </summary>
public sealed class DatabaseSnapshot
{
    private static readonly HashSet<(string Table, string Column)> Volatile = [("api_keys", "last_used_at")];

    private readonly SortedDictionary<string, List<string>> _tables;

    private DatabaseSnapshot(SortedDictionary<string, List<string>> tables) => _tables = tables;

    public int Rows(string table) => _tables.TryGetValue(table, out var rows) ? rows.Count : 0;

    public static async Task<DatabaseSnapshot> TakeAsync(TesseraApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TesseraDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names come from the EF model, not from input.
                command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    var row = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var column = reader.GetName(i);
                        if (Volatile.Contains((table, column)))
                        {
                            continue;
                        }

                        var value = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                        row.Append(column).Append('=').Append(value).Append('|');
                    }

                    rows.Add(row.ToString());
                }

                rows.Sort(StringComparer.Ordinal);
                result[table] = rows;
            }
        }
        finally
        {
            await connection.CloseAsync();
        }

        return new DatabaseSnapshot(result);
    }

    /// <summary>Fails naming each table whose rows differ, with the rows that appeared or disappeared.</summary>
    public void AssertSameAs(DatabaseSnapshot later, string because)
    {
        var differences = new StringBuilder();
        foreach (var table in _tables.Keys.Union(later._tables.Keys, StringComparer.Ordinal))
        {
            var before = _tables.GetValueOrDefault(table) ?? [];
            var after = later._tables.GetValueOrDefault(table) ?? [];
            if (before.SequenceEqual(after, StringComparer.Ordinal))
            {
                continue;
            }

            differences.AppendLine(CultureInfo.InvariantCulture, $"table {table}: {before.Count} → {after.Count} rows");
            foreach (var gone in before.Except(after, StringComparer.Ordinal).Take(3))
            {
                differences.AppendLine("  - " + Truncate(gone));
            }

            foreach (var added in after.Except(before, StringComparer.Ordinal).Take(3))
            {
                differences.AppendLine("  + " + Truncate(added));
            }
        }

        Assert.True(differences.Length == 0, $"{because}: the database changed\n{differences}");
    }

    private static string Truncate(string row) => row.Length <= 400 ? row : row[..400] + "…";
}