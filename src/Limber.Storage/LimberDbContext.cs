using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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
