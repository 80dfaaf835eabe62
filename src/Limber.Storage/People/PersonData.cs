using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Limber.Storage;

/// <summary>
/// A person's right to their data, at the storage level: everything of theirs out
/// (<see cref="ExportAsync"/>), and everything of theirs gone (<see cref="DeleteEverythingAsync"/>).
/// Which tables count as theirs is read from the model, not listed by hand, so a new table is
/// covered by deletion at once and fails the export's test until it is exported.
/// </summary>
public sealed class PersonData(LimberDbContext db, TimeProvider time)
{
    private const string PersonIdColumn = nameof(IPersonOwned.PersonId);

    /// <summary>
    /// Every row of the person, from one consistent snapshot of the database; null when there
    /// is no such person.
    /// </summary>
    public Task<PersonExport?> ExportAsync(Guid personId, CancellationToken ct = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            // Repeatable read: a check-in saved while exporting is in every part or in none.
            // (SQLite has only serializable transactions, which is stronger still.)
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var export = await ReadAsync(personId, ct);
            await transaction.CommitAsync(ct);
            return export;
        }, ct);

    /// <summary>
    /// Records a <see cref="AuditEvent.DataExported"/> event, then reads the export, in one transaction: the
    /// export includes its own event, and a failed export leaves no event claiming it happened. Null when there
    /// is no such person.
    /// </summary>
    public Task<PersonExport?> ExportWithAuditAsync(Guid personId, CancellationToken ct = default) =>
        ExportWithAuditAsync(personId, "zip", ct);

    /// <summary>The same, for an export in another format: the event names it (export:zip, export:fhir).</summary>
    public Task<PersonExport?> ExportWithAuditAsync(Guid personId, string format, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            if (!await db.Users.AnyAsync(p => p.Id == personId, ct))
            {
                return null;
            }

            var exported = db.AuditEvents.Add(AuditEvent.ForPerson(personId, StoredTime.Now(time), AuditEvent.DataExported, "export:" + format));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                exported.State = EntityState.Detached;
            }

            var export = await ReadAsync(personId, ct);
            await transaction.CommitAsync(ct);
            return export;
        }, ct);
    }

    /// <summary>
    /// Deletes the person, every row that belongs to them and their audit events, then records
    /// an <see cref="AuditEvent.AccountDeleted"/> event that names only <paramref name="pseudonym"/>,
    /// all in one transaction: on any failure nothing is deleted. False when there is no such person.
    /// </summary>
    /// <param name="pseudonym">
    /// A reference the operator can match to a request later without it identifying anyone by
    /// itself (e.g. a keyed hash of the id); never the id, e-mail or user name.
    /// </param>
    public Task<bool> DeleteEverythingAsync(Guid personId, string pseudonym, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pseudonym);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var person = await db.Users.AsNoTracking()
                .Where(p => p.Id == personId)
                .Select(p => new { p.Email, p.UserName })
                .SingleOrDefaultAsync(ct);
            if (person is null)
            {
                return false;
            }

            RefuseIdentifyingPseudonym(pseudonym, personId, person.Email, person.UserName);
            foreach (var table in OwnedTables(db.Model))
            {
                await table.DeleteAsync(db, personId, ct);
            }

            await db.Users.Where(p => p.Id == personId).ExecuteDeleteAsync(ct);
            var deleted = db.AuditEvents.Add(new AuditEvent
            {
                At = StoredTime.Now(time),
                Action = AuditEvent.AccountDeleted,
                ActorKind = AuditActorKind.Person,
                SubjectRef = pseudonym,
                PersonId = null,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.StampsChanged([personId]);
            }
            finally
            {
                // Whatever happened, a later SaveChanges of this context must not write it again.
                deleted.State = EntityState.Detached;
            }

            return true;
        }, ct);
    }

    private async Task<PersonExport?> ReadAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.Users.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == personId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .OrderBy(n => n)
            .ToListAsync(ct);
        var claims = await db.UserClaims.AsNoTracking().Where(c => c.UserId == personId).OrderBy(c => c.Id)
            .Select(c => new ExportedClaim(c.ClaimType, c.ClaimValue)).ToListAsync(ct);
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == personId).OrderBy(l => l.LoginProvider)
            .Select(l => new ExportedLogin(l.LoginProvider, l.ProviderDisplayName)).ToListAsync(ct);
        var passkeys = (await db.UserPasskeys.AsNoTracking().Where(p => p.UserId == personId).ToListAsync(ct))
            .Select(p => new ExportedPasskey(p.Data.Name, p.Data.CreatedAt, p.Data.Transports ?? []))
            .OrderBy(p => p.CreatedAt)
            .ToList();
        var account = new ExportedAccount(
            person.Id, person.UserName, person.Email, person.EmailConfirmed, person.PhoneNumber,
            person.PhoneNumberConfirmed, person.TwoFactorEnabled, person.LockoutEnabled, person.LockoutEnd,
            person.AccessFailedCount, person.CreatedAt, [.. roles.OfType<string>()], claims, logins, passkeys);

        return new PersonExport(
            account,
            [.. (await Owned(db.Profiles, personId).OrderBy(p => p.Id).ToListAsync(ct)).Select(p => new ProfileRow(
                p.Id, p.PersonId, p.TightAreas, p.Triggers, p.DayActivities, p.SittingHoursPerDay, p.Positions,
                p.Equipment, p.MinutesPerSession, p.SessionsPerDay, p.WorkHoursStart, p.WorkHoursEnd,
                p.BaselinePain, p.MorningStiffnessMinutes, p.TimeZoneId, p.RegionCode, p.UpdatedAt))],
            [.. (await Owned(db.ProfileActivities, personId).OrderBy(a => a.RecordedAt).ThenBy(a => a.Id).ToListAsync(ct))
                .Select(a => new ProfileActivityRow(a.Id, a.PersonId, a.Name, a.Score, a.RecordedAt))],
            [.. (await Owned(db.JudgedScreens, personId).OrderBy(s => s.TakenAt).ThenBy(s => s.Id).ToListAsync(ct))
                .Select(s => new JudgedScreenRow(
                    s.Id, s.PersonId, s.TakenAt, s.Kind.ToString(), s.Age, s.FirstEpisode, s.Disposition.ToString(), s.RulesVersion, s.ReasonsJson))],
            [.. (await Owned(db.ScreenAnswers, personId).OrderBy(a => a.ScreenId).ThenBy(a => a.ItemId).ToListAsync(ct))
                .Select(a => new ScreenAnswerRow(a.Id, a.PersonId, a.ScreenId, a.ItemId, a.Answer.ToString()))],
            [.. (await Owned(db.ReferralConfirmations, personId).OrderBy(c => c.ConfirmedAt).ThenBy(c => c.Id).ToListAsync(ct))
                .Select(c => new ReferralConfirmationRow(c.Id, c.PersonId, c.ScreenId, c.ConfirmedAt, c.Kind.ToString(), c.Note))],
            [.. (await Owned(db.Programs, personId).OrderBy(p => p.StartedOn).ThenBy(p => p.Id).ToListAsync(ct))
                .Select(p => new ProgramRow(
                    p.Id, p.PersonId, p.Name, p.StartedOn, p.Status.ToString(), p.CoachLinkId, p.CoachProgramName, p.ThresholdsJson, p.CoachUpdatedAt))],
            [.. (await Owned(db.Routines, personId).OrderBy(r => r.ProgramId).ThenBy(r => r.Stage).ThenBy(r => r.Id).ToListAsync(ct))
                .Select(r => new RoutineRow(r.Id, r.PersonId, r.ProgramId, r.Kind.ToString(), r.Stage))],
            [.. (await Owned(db.RoutineItems, personId).OrderBy(i => i.RoutineId).ThenBy(i => i.Order).ToListAsync(ct))
                .Select(i => new RoutineItemRow(
                    i.Id, i.PersonId, i.RoutineId, i.ExerciseId, i.Order, i.HoldSeconds, i.Reps, i.Sets, i.PerSide,
                    i.DurationSeconds, i.RestSeconds, i.VariantOf, i.Level, i.ChangedOn, i.RuleId, i.Reason))],
            [.. (await Owned(db.Sessions, personId).OrderBy(s => s.StartedAt).ThenBy(s => s.Id).ToListAsync(ct))
                .Select(s => new SessionRow(
                    s.Id, s.PersonId, s.RoutineId, s.Date, s.StartedAt, s.FinishedAt, s.ClientSessionId, s.PainBefore, s.WorstPain))],
            [.. (await Owned(db.ExerciseLogs, personId).OrderBy(l => l.SessionId).ThenBy(l => l.Id).ToListAsync(ct))
                .Select(l => new ExerciseLogRow(l.Id, l.PersonId, l.SessionId, l.ExerciseId, l.Completed, l.WorstPain, l.Feedback))],
            [.. (await Owned(db.SessionStops, personId).OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct))
                .Select(s => new SessionStopRow(
                    s.Id, s.PersonId, s.SessionId, s.ExerciseId, s.Symptom.ToString(), s.PainScore, s.At, s.RuleId, s.Action.ToString(), s.Raises.ToString()))],
            [.. (await Owned(db.CheckIns, personId).OrderBy(c => c.Date).ThenBy(c => c.RecordedAt).ThenBy(c => c.Id).ToListAsync(ct))
                .Select(c => new CheckInRow(
                    c.Id, c.PersonId, c.Date, c.RecordedAt, c.PainNow, c.Stiffness, c.MorningStiffnessMinutes,
                    c.WhereFelt, c.WhatHelped, c.LegSymptoms, c.Numbness, c.BladderOrBowelChange, c.Note))],
            [.. (await Owned(db.Consents, personId).OrderBy(c => c.GivenAt).ThenBy(c => c.Id).ToListAsync(ct))
                .Select(c => new ConsentRow(c.Id, c.PersonId, c.Purpose, c.Version, c.GivenAt, c.WithdrawnAt))],
            [.. (await Owned(db.ReminderSchedules, personId).ToListAsync(ct))
                .Select(r => new ReminderScheduleRow(
                    r.Id, r.PersonId, r.TimeZoneId, r.Daily, r.Days, r.DeskBreakMinutes, r.DeskBreakDays, r.WorkFrom, r.WorkTo,
                    r.QuietTimes, r.PausedOn, r.UpdatedAt, r.PlannedUntil, r.CalendarTokenHash, r.CalendarTokenProtected,
                    r.CalendarCreatedAt, r.CalendarFetchedAt))],
            [.. (await Owned(db.DueReminders, personId).OrderBy(r => r.DueAt).ThenBy(r => r.Kind).ToListAsync(ct))
                .Select(r => new DueReminderRow(
                    r.Id, r.PersonId, r.Kind.ToString(), r.DueAt, r.LocalDate, r.LocalTime, r.State.ToString(), r.AttemptAfter, r.Attempts,
                    r.ClaimToken, r.LeaseUntil, r.DoneAt, r.DeliveredTo, r.Outcome))],
            [.. (await Owned(db.PushDevices, personId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct))
                .Select(d => new PushDeviceRow(d.Id, d.PersonId, d.Label, d.Endpoint, d.P256dh, d.Auth, d.CreatedAt, d.LastDeliveredAt, d.Failures))],
            [.. (await Owned(db.OrganisationMembers, personId)
                    .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { m, o.Name })
                    .ToListAsync(ct))
                .OrderBy(x => x.m.AddedAt).ThenBy(x => x.m.Id)
                .Select(x => new OrganisationMemberRow(
                    x.m.Id, x.m.PersonId, x.m.OrganisationId, x.Name, x.m.IsCoach, x.m.IsAdmin, x.m.DisplayName, x.m.AddedAt))],
            [.. (await Owned(db.CoachInvites, personId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct))
                .Select(i => new CoachInviteRow(i.Id, i.PersonId, i.OrganisationId, i.TokenHash, i.Label, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.WithdrawnAt))],
            // Both sides of a link: as the client (PersonId) and as the coach (CoachId).
            [.. (await db.CoachLinks.AsNoTracking().Where(l => l.PersonId == personId || l.CoachId == personId)
                    .OrderBy(l => l.StartedAt).ThenBy(l => l.Id).ToListAsync(ct))
                .Select(l => new CoachLinkRow(
                    l.Id, l.PersonId, l.CoachId, l.OrganisationId, l.InviteId, l.CoachName, l.Label, l.SharesProgress, l.SharesSessions, l.SharesScreens,
                    l.SharesProgram, l.ConsentVersion, l.StartedAt, l.SharesChangedAt, l.EndedAt, l.EndedBy?.ToString()))],
            [.. (await Owned(db.ProgramExercises, personId).OrderBy(e => e.ProgramId).ThenBy(e => e.Order).ToListAsync(ct))
                .Select(e => new ProgramExerciseRow(
                    e.Id, e.PersonId, e.ProgramId, e.Order, e.ExerciseId, e.HoldSeconds, e.Reps, e.Sets, e.DurationSeconds, e.MaxLevelsUp, e.Note))],
            [.. (await db.AuditEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct))
                .Select(e => new AuditEventRow(e.Id, e.PersonId, e.At, e.Action, e.ActorKind.ToString(), e.SubjectRef))]);
    }

    private static IQueryable<T> Owned<T>(DbSet<T> table, Guid personId)
        where T : class, IPersonOwned =>
        table.AsNoTracking().Where(e => e.PersonId == personId);

    private static void RefuseIdentifyingPseudonym(string pseudonym, Guid personId, string? email, string? userName)
    {
        string?[] identifying = [personId.ToString("D"), personId.ToString("N"), email, userName];
        if (identifying.Any(value => !string.IsNullOrEmpty(value) && pseudonym.Contains(value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(
                "The pseudonym must not contain the person's id, e-mail or user name: it outlives the account.",
                nameof(pseudonym));
        }
    }

    /// <summary>
    /// Every table with rows of a person other than the account itself: those with a PersonId
    /// column (foreign key or not, as in the audit log) and Identity's, which point at the
    /// account by foreign key. Dependents come before what they depend on, so no delete waits on
    /// a cascade or trips a restricting key.
    /// </summary>
    internal static IReadOnlyList<OwnedTable> OwnedTables(IModel model)
    {
        var tables = model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.ClrType != typeof(Person))
            .Select(e => new OwnedTable(e, OwnerColumns(e)))
            .Where(t => t.Columns.Count > 0)
            .ToList();
        var types = tables.Select(t => t.EntityType).ToHashSet();
        var depth = new Dictionary<IEntityType, int>();
        return [.. tables.OrderByDescending(t => Depth(t.EntityType, types, depth)).ThenBy(t => t.EntityType.Name, StringComparer.Ordinal)];
    }

    private static List<IProperty> OwnerColumns(IEntityType entity)
    {
        var columns = entity.GetForeignKeys()
            .Where(fk => fk.PrincipalEntityType.ClrType == typeof(Person))
            .SelectMany(fk => fk.Properties)
            .ToList();
        if (entity.FindProperty(PersonIdColumn) is { } personId && !columns.Contains(personId))
        {
            columns.Add(personId);
        }

        return columns;
    }

    // How far a table is from the account through foreign keys among the person's tables.
    private static int Depth(IEntityType entity, HashSet<IEntityType> owned, Dictionary<IEntityType, int> known)
    {
        if (known.TryGetValue(entity, out var depth))
        {
            return depth;
        }

        known[entity] = 0; // guards against cycles
        depth = 1 + entity.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType)
            .Where(principal => principal != entity && owned.Contains(principal))
            .Select(principal => Depth(principal, owned, known))
            .DefaultIfEmpty(0)
            .Max();
        known[entity] = depth;
        return depth;
    }

    internal sealed record OwnedTable(IEntityType EntityType, IReadOnlyList<IProperty> Columns)
    {
        private static readonly MethodInfo DeleteMethod =
            typeof(OwnedTable).GetMethod(nameof(DeleteWhereAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

        public async Task DeleteAsync(LimberDbContext db, Guid personId, CancellationToken ct)
        {
            foreach (var column in Columns)
            {
                var delete = DeleteMethod.MakeGenericMethod(EntityType.ClrType, column.ClrType);
                await ((Task<int>)delete.Invoke(null, [db, column.Name, personId, ct])!).ConfigureAwait(false);
            }
        }

        // Built as an expression so that it works for Guid and Guid? columns alike; the id is a
        // captured value, so EF Core sends it as a parameter.
        private static Task<int> DeleteWhereAsync<TEntity, TColumn>(LimberDbContext db, string column, Guid personId, CancellationToken ct)
            where TEntity : class
        {
            var owner = new OwnerId<TColumn>((TColumn)(object)personId);
            var row = Expression.Parameter(typeof(TEntity), "row");
            var value = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TColumn)], row, Expression.Constant(column));
            var id = Expression.Property(Expression.Constant(owner), nameof(OwnerId<TColumn>.Value));
            var filter = Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(value, id), row);
            return db.Set<TEntity>().Where(filter).ExecuteDeleteAsync(ct);
        }
    }

    private sealed record OwnerId<T>(T Value);
}
