using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Limber.Storage;

/// <summary>
/// Writes many audit events in one go: the coach dashboard records one per client shown, 200 for a full caseload, on
/// every look (issue 11's budget of 100 ms). On PostgreSQL they go in one <c>INSERT … SELECT FROM unnest(…)</c> of one
/// array per column: one statement, one round trip and no transaction of its own, where EF Core's save sends an INSERT
/// per event with six parameters each inside BEGIN and COMMIT. On SQLite, in the same process, EF Core's save is kept.
/// </summary>
/// <remarks>
/// The events are added to the context first, so that EF Core gives them their ids exactly as a save would, and their
/// values go through the model's own converters (the instant as stored, the actor kind by name): the rows are the ones
/// a save writes. Only the save is bypassed, which is safe because audit events are not <see cref="IPersonOwned"/>:
/// a save of them gives no one a new <see cref="Person.DataStamp"/>, and no plan is ever made from them.
/// </remarks>
internal static class AuditBatch
{
    /// <summary>Whether a save of audit events would stamp anyone: were it so, the save must not be bypassed.</summary>
    private static readonly bool Stamped = typeof(IPersonOwned).IsAssignableFrom(typeof(AuditEvent));

    /// <summary>Writes <paramref name="events"/> (new, not tracked yet), then clears the context's change tracker.</summary>
    public static async Task AddAllAsync(LimberDbContext db, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        try
        {
            // Other changes pending in the context are saved with the events, as a save does: then the save is used.
            var alone = !db.ChangeTracker.HasChanges();
            db.AuditEvents.AddRange(events);
            if (events.Count > 0 && alone && !Stamped && db.Database.IsNpgsql())
            {
                await InsertUnnestAsync(db, events, ct);
            }
            else
            {
                await db.SaveChangesAsync(ct);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>One INSERT of every event, its columns named as the model maps them.</summary>
    private static async Task InsertUnnestAsync(LimberDbContext db, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        void Column<T>(string property, Func<AuditEvent, object?> value)
        {
            var mapped = entity.FindProperty(property)!;
            var converter = mapped.GetTypeMapping().Converter;
            var values = new T[events.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var raw = value(events[i]);
                values[i] = (T)(converter is null ? raw : converter.ConvertToProvider(raw))!;
            }
            columns.Add(sql.DelimitIdentifier(mapped.GetColumnName(table)!));
            parameters.Add(new NpgsqlParameter($"p{parameters.Count}", values));
        }
        Column<Guid>(nameof(AuditEvent.Id), e => e.Id);
        Column<DateTimeOffset>(nameof(AuditEvent.At), e => e.At);
        Column<string>(nameof(AuditEvent.Action), e => e.Action);
        Column<string>(nameof(AuditEvent.ActorKind), e => e.ActorKind);
        Column<string>(nameof(AuditEvent.SubjectRef), e => e.SubjectRef);
        Column<Guid?>(nameof(AuditEvent.PersonId), e => e.PersonId);
        if (entity.GetProperties().Count() != columns.Count)
        {
            // A column added to the model must be added here too, or its value would be silently left out.
            throw new InvalidOperationException($"{nameof(AuditBatch)} writes {columns.Count} columns of {table.Name}; the model has more.");
        }

        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) "
            + $"SELECT * FROM unnest({string.Join(", ", parameters.Select(p => "@" + p.ParameterName))})";
        await db.Database.ExecuteSqlRawAsync(insert, parameters, ct);
    }
}
