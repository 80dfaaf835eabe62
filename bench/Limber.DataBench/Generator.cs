using System.Diagnostics;
using System.Text.Json;
using Limber.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Limber.DataBench;

/// <summary>A step of the generation and what it took.</summary>
internal sealed record StepFigure(string Step, long Rows, TimeSpan Took);

/// <summary>
/// Fills a new database: the app's own migrations, then every table by binary COPY with the migrations' indexes and
/// keys put aside (see <see cref="SchemaKeys"/>), then the indexes and keys back and VACUUM ANALYZE. Tables a person has
/// one row of are written in sign-up order; the daily ones (check-ins, sessions, their exercises, screens, ratings) day
/// by day across everyone, as a year of use writes them, so one person's rows are spread over the table as they would be.
/// </summary>
internal sealed class Generator(string connectionString, Population population, ulong seed, bool keepKeys, Action<string> say)
{
    private const string HealthData = Consent.HealthData;
    private const string ConsentVersion = "2026-11";
    private static readonly JsonSerializerOptions ReasonJson = new(JsonSerializerDefaults.Web);
    private readonly List<StepFigure> _figures = [];

    public IReadOnlyList<StepFigure> Figures => _figures;

    /// <summary>Brings the new database to the latest schema with the app's own registration and migrations.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = "Postgres",
                [DatabaseSettings.ConnectionStringKey] = connectionString,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLimberStorage(configuration, AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateLimberDatabaseAsync(ct);
        _figures.Add(new StepFigure("migrations (the app's own)", 0, watch.Elapsed));
    }

    public async Task FillAsync(CancellationToken ct)
    {
        IReadOnlyList<SchemaKey> keys;
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(ct);
            var watch = Stopwatch.StartNew();
            keys = await SchemaKeys.ReadAsync(db, ct);
            if (!keepKeys)
            {
                await SchemaKeys.DropAsync(db, keys, ct);
                _figures.Add(new StepFigure($"indexes and keys set aside ({keys.Count})", 0, watch.Elapsed));
            }
        }

        var hash = new PasswordHasher<Person>().HashPassword(new Person(), Population.Password);
        var p = population;

        Copy("AspNetUsers", ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp",
            "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "CreatedAt"], row =>
        {
            foreach (var person in p.BySignUp.Prepend(p.Coach))
            {
                ct.ThrowIfCancellationRequested();
                row.StartRow();
                row.Uuid(person.Id);
                row.Text(person.Email);
                row.Text(person.Email.ToUpperInvariant());
                row.Text(person.Email);
                row.Text(person.Email.ToUpperInvariant());
                row.Bool(true);
                row.Text(hash);
                row.Text(person.SecurityStamp);
                row.Text(person.ConcurrencyStamp.ToString("D"));
                row.Bool(false);
                row.Bool(false);
                row.Bool(true);
                row.Int(0);
                row.Instant(person == p.Coach ? p.CoachSince : p.SignedUpAt(person));
            }
        });

        Copy("Consents", ["Id", "PersonId", "Purpose", "Version", "GivenAt"], row =>
        {
            foreach (var person in p.BySignUp)
            {
                row.StartRow();
                row.Uuid(person.ConsentId);
                row.Uuid(person.Id);
                row.Text(HealthData);
                row.Text(ConsentVersion);
                row.Instant(p.SignedUpAt(person).AddMinutes(2));
            }
        });

        Copy("Profiles", ["Id", "PersonId", "TightAreas", "Triggers", "DayActivities", "SittingHoursPerDay", "Positions", "Equipment",
            "MinutesPerSession", "SessionsPerDay", "WorkHoursStart", "WorkHoursEnd", "BaselinePain", "MorningStiffnessMinutes", "TimeZoneId",
            "RegionCode", "UpdatedAt"], row =>
        {
            foreach (var person in p.BySignUp)
            {
                row.StartRow();
                row.Uuid(person.ProfileId);
                row.Uuid(person.Id);
                row.Tags(person.TightAreas);
                row.Tags(person.Triggers);
                row.Tags(person.DayActivities);
                row.Int(person.SittingHours);
                row.Tags(person.Positions);
                row.Tags(person.Equipment);
                row.Int(person.MinutesPerSession);
                row.Int(person.SessionsPerDay);
                row.TimeOfDay(person.WorksAtDesk ? new TimeOnly(9, 0) : null);
                row.TimeOfDay(person.WorksAtDesk ? new TimeOnly(17, 30) : null);
                row.Int(person.BaselinePain);
                row.Int(person.MorningMinutes);
                row.Text(Population.Zones[person.Zone].Zone);
                row.Text(Population.Zones[person.Zone].Region);
                row.Instant(p.SignedUpAt(person).AddMinutes(5));
            }
        });

        Copy("Programs", ["Id", "PersonId", "Name", "StartedOn", "Status"], row =>
        {
            foreach (var person in p.BySignUp)
            {
                row.StartRow();
                row.Uuid(person.ProgramId);
                row.Uuid(person.Id);
                row.Text(ProgramRecords.SixWeekProgramName);
                row.Date(p.DateOf(person.JoinDay));
                row.Text(nameof(ProgramStatus.Active));
            }
        });

        Copy("Routines", ["Id", "PersonId", "ProgramId", "Kind", "Stage"], row =>
        {
            foreach (var person in p.BySignUp)
            {
                row.StartRow();
                row.Uuid(person.RoutineId);
                row.Uuid(person.Id);
                row.Uuid(person.ProgramId);
                row.Text(nameof(RoutineKind.Daily));
                row.Int(p.StageOf(person));
            }
        });

        Copy("RoutineItems", ["Id", "PersonId", "RoutineId", "ExerciseId", "Order", "HoldSeconds", "Reps", "Sets", "PerSide",
            "DurationSeconds", "RestSeconds", "Level"], row =>
        {
            foreach (var person in p.BySignUp)
            {
                var ids = Draw.For(seed, (ulong)person.Index, 0, 7);
                for (var order = 0; order < person.Routine.Length; order++)
                {
                    var exercise = p.Routine[person.Routine[order]];
                    row.StartRow();
                    row.Uuid(ids.Uuid());
                    row.Uuid(person.Id);
                    row.Uuid(person.RoutineId);
                    row.Text(exercise.Id);
                    row.Int(order);
                    row.Int(exercise.Dose.HoldSeconds);
                    row.Int(exercise.Dose.Reps);
                    row.Int(exercise.Dose.Sets ?? 1);
                    row.Bool(exercise.Dose.PerSide);
                    row.Int(exercise.Dose.DurationSeconds);
                    row.Int(exercise.Dose.RestSeconds);
                    row.Int(0);
                }
            }
        });

        // The coach: an organisation with the coach as its administrator and a coach, and the clients' links, each
        // sharing everything, to the version of the sharing wording the app asks for.
        var organisation = Draw.For(seed, ulong.MaxValue, 0, 1);
        var organisationId = organisation.Uuid();
        var clients = p.People.Where(x => x.Cohort == Cohort.Client).ToList();
        var founded = p.CoachSince.AddMinutes(30);
        Copy("Organisations", ["Id", "Name", "CreatedAt"], row =>
        {
            row.StartRow();
            row.Uuid(organisationId);
            row.Text(Population.OrganisationName);
            row.Instant(founded);
        });
        Copy("OrganisationMembers", ["Id", "PersonId", "OrganisationId", "IsCoach", "IsAdmin", "DisplayName", "AddedAt"], row =>
        {
            row.StartRow();
            row.Uuid(organisation.Uuid());
            row.Uuid(p.Coach.Id);
            row.Uuid(organisationId);
            row.Bool(true);
            row.Bool(true);
            row.Text(Population.CoachDisplayName);
            row.Instant(founded);
        });
        Copy("CoachLinks", ["Id", "PersonId", "CoachId", "OrganisationId", "CoachName", "Label", "SharesProgress", "SharesSessions",
            "SharesScreens", "SharesProgram", "ConsentVersion", "StartedAt"], row =>
        {
            foreach (var client in clients)
            {
                var (link, _, started) = p.ClientLink(client);
                row.StartRow();
                row.Uuid(link);
                row.Uuid(client.Id);
                row.Uuid(p.Coach.Id);
                row.Uuid(organisationId);
                row.Text(Population.CoachDisplayName);
                row.Text($"Client {client.Index + 1:D3}");
                row.Bool(true);
                row.Bool(true);
                row.Bool(true);
                row.Bool(true);
                row.Text(CoachRecords.ShareConsentVersion);
                row.Instant(started);
            }
        });

        Copy("AuditEvents", ["Id", "At", "Action", "ActorKind", "SubjectRef", "PersonId"], row =>
        {
            foreach (var person in p.BySignUp)
            {
                row.StartRow();
                row.Uuid(person.ConsentEventId);
                row.Instant(p.SignedUpAt(person).AddMinutes(2));
                row.Text(AuditEvent.ConsentGiven);
                row.Text(nameof(AuditActorKind.Person));
                row.Text($"consent:{HealthData}:{ConsentVersion}");
                row.Uuid(person.Id);
            }
            foreach (var client in clients)
            {
                var (link, id, started) = p.ClientLink(client);
                row.StartRow();
                row.Uuid(id);
                row.Instant(started);
                row.Text(AuditEvent.CoachLinked);
                row.Text(nameof(AuditActorKind.Person));
                row.Text(CoachRecords.Subject(link) + "/progress,sessions,screens,program");
                row.Uuid(client.Id);
            }
        });

        // ---- day by day --------------------------------------------------------------------------------------------

        Copy("ProfileActivities", ["Id", "PersonId", "Name", "Score", "RecordedAt"], row => EveryDay((person, day) =>
        {
            if (!p.RatingDay(person, day))
            {
                return;
            }
            var ids = Draw.For(seed, (ulong)person.Index, (ulong)day, 9);
            var at = p.RatedAt(person, day);
            for (var a = 0; a < person.Activities.Length; a++)
            {
                var id = ids.Uuid();
                var score = p.Rating(person, day, a);
                // As the app stores them: a new row only when the score changed since the last rating.
                if (day != person.JoinDay && score == p.Rating(person, day - 14, a))
                {
                    continue;
                }
                row.StartRow();
                row.Uuid(id);
                row.Uuid(person.Id);
                row.Text(Population.ActivityNames[person.Activities[a]]);
                row.Int(score);
                row.Instant(at);
            }
        }, ct));

        var reasons = JsonSerializer.Serialize(p.Screen.Reasons, ReasonJson);
        Copy("JudgedScreens", ["Id", "PersonId", "TakenAt", "Kind", "Age", "FirstEpisode", "Disposition", "RulesVersion", "ReasonsJson"],
            row => EveryDay((person, day) =>
            {
                if (p.ScreenOn(person, day) is not { } screen)
                {
                    return;
                }
                row.StartRow();
                row.Uuid(screen.Id);
                row.Uuid(person.Id);
                row.Instant(screen.TakenAt);
                row.Text(screen.Full ? nameof(ScreenKind.Full) : nameof(ScreenKind.EmergencyRecheck));
                row.Int(person.Age);
                row.Bool(false);
                row.Text(p.Screen.Disposition.ToString());
                row.Text(p.Screen.RulesVersion);
                row.Text(reasons);
            }, ct));

        Copy("ScreenAnswers", ["Id", "PersonId", "ScreenId", "ItemId", "Answer"], row => EveryDay((person, day) =>
        {
            if (p.ScreenOn(person, day) is not { } screen)
            {
                return;
            }
            var ids = Draw.For(seed, (ulong)person.Index, (ulong)day, 8);
            foreach (var item in p.ScreenItems)
            {
                row.StartRow();
                row.Uuid(ids.Uuid());
                row.Uuid(person.Id);
                row.Uuid(screen.Id);
                row.Text(item);
                row.Text("No");
            }
        }, ct));

        Copy("CheckIns", ["Id", "PersonId", "Date", "RecordedAt", "PainNow", "Stiffness", "MorningStiffnessMinutes", "WhereFelt", "WhatHelped",
            "LegSymptoms", "Numbness", "BladderOrBowelChange", "Note"], row => EveryDay((person, day) =>
        {
            if (!p.CheckIn(person, day, out var c))
            {
                return;
            }
            row.StartRow();
            row.Uuid(c.Id);
            row.Uuid(person.Id);
            row.Date(p.DateOf(day));
            row.Instant(c.RecordedAt);
            row.Int(c.Pain);
            row.Int(c.Stiffness);
            row.Int(c.MorningMinutes);
            row.Tags(c.WhereFelt);
            row.Tags(c.WhatHelped);
            row.Bool(false);
            row.Bool(false);
            row.Bool(false);
            row.Text(c.Note);
        }, ct));

        var sessions = new SessionPlan[3];
        var logs = new LogPlan[24];
        Copy("Sessions", ["Id", "PersonId", "Date", "StartedAt", "FinishedAt", "ClientSessionId", "PainBefore", "WorstPain"],
            row => EveryDay((person, day) =>
            {
                var count = p.Sessions(person, day, sessions, logs);
                for (var k = 0; k < count; k++)
                {
                    ref var s = ref sessions[k];
                    row.StartRow();
                    row.Uuid(s.Id);
                    row.Uuid(person.Id);
                    row.Date(p.DateOf(day));
                    row.Instant(s.StartedAt);
                    row.Instant(s.FinishedAt);
                    row.Text(s.ClientSessionId);
                    row.Int(s.PainBefore);
                    row.Int(s.WorstPain);
                }
            }, ct));

        Copy("ExerciseLogs", ["Id", "PersonId", "SessionId", "ExerciseId", "Completed", "WorstPain", "Feedback"], row => EveryDay((person, day) =>
        {
            var count = p.Sessions(person, day, sessions, logs);
            for (var k = 0; k < count; k++)
            {
                ref var s = ref sessions[k];
                for (var e = 0; e < s.LogCount; e++)
                {
                    ref var log = ref logs[(k * 8) + e];
                    row.StartRow();
                    row.Uuid(log.Id);
                    row.Uuid(person.Id);
                    row.Uuid(s.Id);
                    row.Text((s.IsRoutine ? p.Routine : p.DeskBreak)[log.Exercise].Id);
                    row.Bool(log.Completed);
                    row.Int(log.WorstPain);
                    row.Text(log.Feedback);
                }
            }
        }, ct));

        Copy("SessionStops", ["Id", "PersonId", "SessionId", "ExerciseId", "Symptom", "PainScore", "At", "RuleId", "Action", "Raises"],
            row => EveryDay((person, day) =>
            {
                var count = p.Sessions(person, day, sessions, logs);
                for (var k = 0; k < count; k++)
                {
                    ref var s = ref sessions[k];
                    if (s.StopAt < 0)
                    {
                        continue;
                    }
                    row.StartRow();
                    row.Uuid(s.StopId);
                    row.Uuid(person.Id);
                    row.Uuid(s.Id);
                    row.Text(p.Routine[logs[(k * 8) + s.StopAt].Exercise].Id);
                    row.Text(nameof(Limber.Domain.Safety.SessionSymptom.PainDuringExercise));
                    row.Int(6);
                    row.Instant(s.StartedAt.AddMinutes(1 + s.StopAt));
                    row.Text(p.Stop.RuleId);
                    row.Text(p.Stop.Action.ToString());
                    row.Text(p.Stop.Raises.ToString());
                }
            }, ct));

        var restore = Stopwatch.StartNew();
        if (!keepKeys)
        {
            say("Putting the indexes and keys back");
            await SchemaKeys.RestoreAsync(connectionString, keys, workers: 2, say, ct);
        }
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(ct);
            await SchemaKeys.CheckAsync(db, keys, ct);
        }
        if (!keepKeys)
        {
            _figures.Add(new StepFigure($"indexes and keys built, foreign keys checked ({keys.Count})", 0, restore.Elapsed));
        }

        var vacuum = Stopwatch.StartNew();
        say("VACUUM ANALYZE");
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(ct);
            await SchemaKeys.ExecuteAsync(db, "VACUUM (ANALYZE)", ct);
        }
        _figures.Add(new StepFigure("VACUUM ANALYZE", 0, vacuum.Elapsed));

        void Copy(string table, string[] columns, Action<NpgsqlBinaryImporter> write)
        {
            var watch = Stopwatch.StartNew();
            // No time limit: with --keep-indexes the server may take long to take in the last rows.
            using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
            db.Open();
            ulong rows;
            using (var importer = db.BeginBinaryImport(
                $"COPY {SchemaKeys.Quote(table)} ({string.Join(", ", columns.Select(SchemaKeys.Quote))}) FROM STDIN (FORMAT BINARY)"))
            {
                write(importer);
                rows = importer.Complete();
            }
            _figures.Add(new StepFigure(table, (long)rows, watch.Elapsed));
            say($"  {table}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>Every day of the year, and on each day everyone who uses Limber then, in index order.</summary>
    private void EveryDay(Action<PersonPlan, int> write, CancellationToken ct)
    {
        var people = population.People;
        for (var day = 0; day < population.Days; day++)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var person in people)
            {
                if (person.ActiveOn(day))
                {
                    write(person, day);
                }
            }
        }
    }

    /// <summary>Rows per table and sizes, as PostgreSQL counts them after the load.</summary>
    public async Task<(long DatabaseBytes, IReadOnlyList<(string Table, long Bytes)> Tables)> SizesAsync(CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        var tables = new List<(string, long)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC
            """, db))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", db);
        return ((long)(await size.ExecuteScalarAsync(ct))!, tables);
    }
}
