using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage;

/// <summary>
/// The one model of Limber's stored data: accounts (ASP.NET Core Identity), people's data,
/// audit events and data-protection keys. Each provider has its own subclass only so that each
/// keeps its own migrations; the model itself is defined here, once (the entity configurations
/// sit beside their entities, in the feature folders).
/// </summary>
public abstract class LimberDbContext(DbContextOptions options)
    : IdentityDbContext<Person, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Data-protection keys, shared by every web node on the same database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<ProfileActivity> ProfileActivities => Set<ProfileActivity>();
    public DbSet<JudgedScreen> JudgedScreens => Set<JudgedScreen>();
    public DbSet<ScreenAnswer> ScreenAnswers => Set<ScreenAnswer>();
    public DbSet<ReferralConfirmation> ReferralConfirmations => Set<ReferralConfirmation>();
    public DbSet<Program> Programs => Set<Program>();
    public DbSet<Routine> Routines => Set<Routine>();
    public DbSet<RoutineItem> RoutineItems => Set<RoutineItem>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<ExerciseLog> ExerciseLogs => Set<ExerciseLog>();
    public DbSet<SessionStop> SessionStops => Set<SessionStop>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<ReminderSchedule> ReminderSchedules => Set<ReminderSchedule>();
    public DbSet<DueReminder> DueReminders => Set<DueReminder>();
    public DbSet<PushDevice> PushDevices => Set<PushDevice>();
    public DbSet<VapidKey> VapidKeys => Set<VapidKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();
    public DbSet<CoachInvite> CoachInvites => Set<CoachInvite>();
    public DbSet<CoachLink> CoachLinks => Set<CoachLink>();
    public DbSet<ProgramExercise> ProgramExercises => Set<ProgramExercise>();

    /// <summary>Identity's version 3 tables (passkeys), whatever the host configures: see <see cref="IdentitySchema"/>.</summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version3;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        IdentitySchema.PinVersion3(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LimberDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();
    }

    /// <summary>
    /// Saves, and gives every person whose rows this save adds, changes or removes a new <see cref="Person.DataStamp"/>
    /// in the same transaction: a reader that sees the new stamp sees the new data with it. (Bulk ExecuteUpdate and
    /// ExecuteDelete bypass this: they are used only on reminders, push devices, invitations and whole-account
    /// deletion, none of which a plan is made from.)
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveStampedAsync(acceptAllChangesOnSuccess, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveStampedAsync(acceptAllChangesOnSuccess, sync: false, cancellationToken);

    /// <summary>
    /// How many saves of this context have given people a new data stamp (tried, whether or not they committed): a
    /// stamp read before is out of date once this moves. See <see cref="DataStamps"/>.
    /// </summary>
    public long StampingSaves { get; private set; }

    private async Task<int> SaveStampedAsync(bool acceptAllChangesOnSuccess, bool sync, CancellationToken ct)
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }
        var people = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is IPersonOwned)
            .Select(e => ((IPersonOwned)e.Entity).PersonId)
            .Distinct()
            .ToList();
        // Accounts whose stored row changes (a new security stamp, a deletion): a kept stamp of theirs is out of date.
        var accounts = ChangeTracker.Entries<Person>()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.Id)
            .ToList();
        if (people.Count == 0)
        {
            var plain = sync ? base.SaveChanges(acceptAllChangesOnSuccess) : await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct).ConfigureAwait(false);
            StampsChanged(accounts);
            return plain;
        }

        // People this context already holds as stored (not those this save inserts: their row takes the entity's value).
        var held = ChangeTracker.Entries<Person>()
            .Where(e => e.State is EntityState.Unchanged or EntityState.Modified && people.Contains(e.Entity.Id))
            .Select(e => e.Entity)
            .ToList();
        var stamp = NewStamp();
        StampingSaves++;
        var own = Database.CurrentTransaction is not null ? null
            : sync ? Database.BeginTransaction() : await Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        int saved;
        try
        {
            var stamped = Users.Where(p => people.Contains(p.Id));
            _ = sync
                ? stamped.ExecuteUpdate(s => s.SetProperty(p => p.DataStamp, stamp))
                : await stamped.ExecuteUpdateAsync(s => s.SetProperty(p => p.DataStamp, stamp), ct).ConfigureAwait(false);
            saved = sync ? base.SaveChanges(acceptAllChangesOnSuccess) : await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct).ConfigureAwait(false);
            if (own is not null)
            {
                if (sync)
                {
                    own.Commit();
                }
                else
                {
                    await own.CommitAsync(ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (own is not null)
            {
                if (sync)
                {
                    own.Dispose();
                }
                else
                {
                    await own.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        StampsChanged(people.Concat(accounts));

        // The person entities this context holds take the new stamp as stored, so a plan read later in the same
        // request is not taken for the one before the change.
        foreach (var entry in held.Select(Entry).Where(e => e.State != EntityState.Detached))
        {
            var property = entry.Property(p => p.DataStamp);
            property.OriginalValue = stamp;
            property.CurrentValue = stamp;
            property.IsModified = false;
        }
        return saved;
    }

    /// <summary>
    /// Tells this node's <see cref="KeptStamps"/> (on PostgreSQL) that these people's stamps have changed, once the
    /// change is saved: the next request on this node reads them again instead of waiting for the database's notice.
    /// Other nodes hear of it from the database.
    /// </summary>
    internal void StampsChanged(IEnumerable<Guid> people)
    {
        if (KeptStamps is { } kept)
        {
            kept.Forget(people);
        }
    }

    // Found once per context (a pooled context serves many requests of the same app).
    private KeptStamps? KeptStamps
    {
        get
        {
            if (!_keptStampsFound)
            {
                _keptStamps = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<KeptStamps>();
                _keptStampsFound = true;
            }
            return _keptStamps;
        }
    }

    private KeptStamps? _keptStamps;
    private bool _keptStampsFound;

    private static long NewStamp() => BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}

/// <summary>The model on SQLite; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteLimberDbContext(DbContextOptions<SqliteLimberDbContext> options) : LimberDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>The model on PostgreSQL; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresLimberDbContext(DbContextOptions<PostgresLimberDbContext> options) : LimberDbContext(options);
