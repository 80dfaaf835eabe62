using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Limber.Storage;

/// <summary>
/// The sign-in check's read on a SQLite file (<see cref="DataStamps.SignedInAsync"/>), made on a few connections kept
/// open with the statement prepared on each: every signed-in request makes it, and through EF Core it cost more than
/// half of a signed-in Today (opening a pooled connection and registering EF's functions on it, preparing the
/// statement, closing again). Table, columns and the id's stored form come from the model, so the read is the one EF
/// Core would make. Each statement reads the latest committed data (the file is in write-ahead-log mode).
/// </summary>
public sealed class SqliteStampReader : IDisposable
{
    /// <summary>Connections kept open between requests; more are opened under load and closed after.</summary>
    public const int MostKept = 8;

    private readonly string _connectionString;
    private readonly ConcurrentBag<Reader> _kept = [];
    private string? _sql;
    private RelationalTypeMapping? _idMapping;
    private bool _disposed;

    /// <summary>A reader of the SQLite file of <paramref name="settings"/> (see <see cref="Fits"/>).</summary>
    public SqliteStampReader(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _connectionString = settings.ConnectionString;
    }

    /// <summary>Whether the database can be read this way: a SQLite file (not another provider, not a database in memory).</summary>
    public static bool Fits(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider == DatabaseProvider.Sqlite && IsFile(settings.ConnectionString);
    }

    // In a method of its own: an app on PostgreSQL does not load SQLite's driver to answer no.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // A database in memory is one per connection (or per shared cache): only EF Core's own connection sees it.
        return builder.DataSource is not ("" or ":memory:") && builder.Mode != SqliteOpenMode.Memory;
    }

    /// <summary>The security stamp and data stamp of the person, or null when there is no such person.</summary>
    public (string? SecurityStamp, long DataStamp)? Read(LimberDbContext db, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_kept.TryTake(out var reader))
        {
            reader = Open(db);
        }
        try
        {
            reader.Id.Value = _idMapping!.Converter is { } converter ? converter.ConvertToProvider(personId) : personId;
            using var row = reader.Command.ExecuteReader();
            return row.Read() ? (row.IsDBNull(0) ? null : row.GetString(0), row.GetInt64(1)) : null;
        }
        catch
        {
            reader.Dispose();
            reader = null;
            throw;
        }
        finally
        {
            if (reader is not null)
            {
                if (_kept.Count < MostKept && !_disposed)
                {
                    _kept.Add(reader);
                }
                else
                {
                    reader.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_kept.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private Reader Open(LimberDbContext db)
    {
        if (_sql is null)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            var person = db.Model.FindEntityType(typeof(Person))!;
            var table = StoreObjectIdentifier.Table(person.GetTableName()!, person.GetSchema());
            string Column(string property) => sql.DelimitIdentifier(person.FindProperty(property)!.GetColumnName(table)!);
            var id = person.FindProperty(nameof(Person.Id))!;
            _idMapping = (RelationalTypeMapping)id.GetTypeMapping();
            _sql = $"SELECT {Column(nameof(Person.SecurityStamp))}, {Column(nameof(Person.DataStamp))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {Column(nameof(Person.Id))} = $id";
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = _sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$id";
            parameter.SqliteType = _idMapping!.DbType == System.Data.DbType.Binary ? SqliteType.Blob : SqliteType.Text;
            command.Parameters.Add(parameter);
            command.Prepare();
            return new Reader(connection, command, parameter);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed record Reader(SqliteConnection Connection, SqliteCommand Command, SqliteParameter Id) : IDisposable
    {
        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }
}
