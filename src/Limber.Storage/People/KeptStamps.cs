using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Limber.Storage;

/// <summary>
/// On PostgreSQL, each node's memory of people's security and data stamps, so that a signed-in request need not ask
/// the database (<see cref="DataStamps.SignedInAsync"/>): on two cores shared with the server, that one round trip
/// held signed-in Today to 13 % of the framework's ceiling (issue 11). A stamp is trusted only while the node hears
/// every change: a trigger on the people table (migration <c>StampNotices</c>) sends a notice on
/// <see cref="Channel"/> with the person's id whenever a security stamp or data stamp is written or a person
/// deleted, in the writing transaction, so PostgreSQL passes it on at commit; every node listens on a connection of
/// its own and forgets that person. A save on this node forgets at once, without waiting for the notice
/// (<see cref="LimberDbContext"/>). While the listening connection is down, nothing is kept and every request reads
/// the database; a stamp is also forgotten after <see cref="MostAge"/>, whatever happens.
/// </summary>
public sealed class KeptStamps : BackgroundService
{
    /// <summary>The channel the trigger notifies and every node listens on.</summary>
    public const string Channel = "limber_stamps";

    /// <summary>The setting for <see cref="MostAge"/>, in seconds; 0 keeps nothing.</summary>
    public const string SecondsKey = "Limber:Database:KeptStampsSeconds";

    /// <summary>People kept at most: about 150 bytes each.</summary>
    public const int MostKept = 50_000;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    // After a notice, a person's stamps are not kept for this long: a read racing the notifying commit may still have
    // seen the row as it was, and would otherwise be kept until its age ran out.
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, Kept> _kept = new();
    private readonly ConcurrentDictionary<Guid, long> _noticed = new();
    private readonly string? _connectionString;
    private readonly TimeProvider _time;
    private readonly ILogger<KeptStamps> _log;
    private long _forgettings;
    private volatile bool _listening;

    /// <summary>Stamps of the PostgreSQL database of <paramref name="settings"/>, each kept for at most <paramref name="mostAge"/>.</summary>
    public KeptStamps(DatabaseSettings settings, TimeSpan mostAge, TimeProvider time, ILogger<KeptStamps> log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(mostAge, TimeSpan.Zero);
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            throw new ArgumentException("Stamps are kept only on PostgreSQL, which tells every node of each change.", nameof(settings));
        }
        // With the defaults the pool's connections have: trying GSSAPI encryption would load the Kerberos libraries.
        _connectionString = settings.ConnectionString is { } given ? DatabaseSettings.WithPostgresDefaults(given) : null;
        MostAge = mostAge;
        _time = time;
        _log = log;
    }

    /// <summary>How long a stamp is kept at most, even with no notice of a change (a safety net: notices are not lost while the node listens).</summary>
    public TimeSpan MostAge { get; }

    /// <summary>Whether the node is listening, and so keeps stamps.</summary>
    public bool Listening => _listening;

    /// <summary>How many people are kept now.</summary>
    public int Count => _kept.Count;

    /// <summary>
    /// Taken before reading a person's stamps from the database and handed to <see cref="Keep"/> with what was read:
    /// if anything was forgotten in between, what was read may already be out of date, and is not kept.
    /// </summary>
    public long Forgettings => Interlocked.Read(ref _forgettings);

    /// <summary>The person's stamps when kept, listening and younger than <see cref="MostAge"/>.</summary>
    public bool TryGet(Guid personId, out string? securityStamp, out long dataStamp)
    {
        if (_listening && _kept.TryGetValue(personId, out var kept) && Fresh(kept))
        {
            securityStamp = kept.SecurityStamp;
            dataStamp = kept.DataStamp;
            return true;
        }
        securityStamp = null;
        dataStamp = 0;
        return false;
    }

    /// <summary>
    /// Keeps what the database said of the person, unless the node is not listening, is full, forgot anything since
    /// <paramref name="forgettingsBefore"/> (<see cref="Forgettings"/> taken before the read), or heard of a change to
    /// the person within the last second.
    /// </summary>
    public void Keep(Guid personId, string? securityStamp, long dataStamp, long forgettingsBefore)
    {
        if (!_listening || Forgettings != forgettingsBefore || _kept.Count >= MostKept || Settles(personId))
        {
            return;
        }
        var kept = new Kept(securityStamp, dataStamp, _time.GetUtcNow());
        _kept[personId] = kept;
        // A forgetting that came after the check above either removed this entry already or bumped the count first:
        // then the entry is taken back here (only this one, not a newer one kept meanwhile).
        if (!_listening || Forgettings != forgettingsBefore)
        {
            _kept.TryRemove(KeyValuePair.Create(personId, kept));
        }
    }

    /// <summary>Forgets the person's stamps: they changed, or are about to.</summary>
    public void Forget(Guid personId)
    {
        Interlocked.Increment(ref _forgettings);
        _kept.TryRemove(personId, out _);
    }

    /// <summary>Forgets the stamps of these people.</summary>
    public void Forget(IEnumerable<Guid> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        foreach (var person in people)
        {
            Forget(person);
        }
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _forgettings);
        _kept.Clear();
    }

    /// <summary>Listens until the app stops; after a lost connection, forgets everything and listens again.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => retry = FirstRetry, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _log.LogWarning("Not listening for stamp changes ({Error}); every signed-in request reads the database until listening again in {Retry}.", e.GetType().Name, retry);
            }
            finally
            {
                _listening = false;
                ForgetAll();
            }
            try
            {
                await Task.Delay(retry, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    // Npgsql's types appear only in this method and its state machine, which an app on SQLite never loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task ListenAsync(Action listening, CancellationToken stoppingToken)
    {
        // A connection of its own, outside the pool, checked by keepalives: a dead one is noticed within seconds.
        var builder = new NpgsqlConnectionStringBuilder(_connectionString)
        {
            Pooling = false,
            KeepAlive = 10,
            ApplicationName = "limber-stamps",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += (_, notice) =>
            {
                if (Guid.TryParse(notice.Payload, out var person))
                {
                    _noticed[person] = Environment.TickCount64;
                    Forget(person);
                }
                else
                {
                    ForgetAll();
                }
            };
            await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
            }
            // From here every change committed is heard: stamps read from now on may be kept.
            ForgetAll();
            _listening = true;
            listening();
            _log.LogInformation("Listening for stamp changes: signed-in requests read stamps kept on this node.");
            var swept = Environment.TickCount64;
            while (true)
            {
                // Wakes for each notice, and at least every so often to let go of stamps past their age (also when
                // notices never stop coming).
                await connection.WaitAsync(MostAge, stoppingToken).ConfigureAwait(false);
                if (Environment.TickCount64 - swept >= (long)MostAge.TotalMilliseconds)
                {
                    Sweep();
                    swept = Environment.TickCount64;
                }
            }
        }
    }

    private bool Settles(Guid personId) =>
        _noticed.TryGetValue(personId, out var at) && Environment.TickCount64 - at < (long)Settling.TotalMilliseconds;

    private void Sweep()
    {
        foreach (var (person, at) in _noticed)
        {
            if (Environment.TickCount64 - at >= (long)Settling.TotalMilliseconds)
            {
                _noticed.TryRemove(KeyValuePair.Create(person, at));
            }
        }
        foreach (var (person, kept) in _kept)
        {
            if (!Fresh(kept))
            {
                _kept.TryRemove(KeyValuePair.Create(person, kept));
            }
        }
    }

    // By the app's clock, which tests move; a clock set back makes everything kept stale too.
    private bool Fresh(Kept kept) => _time.GetUtcNow() - kept.ReadAt is var age && age >= TimeSpan.Zero && age < MostAge;

    private sealed record Kept(string? SecurityStamp, long DataStamp, DateTimeOffset ReadAt);
}
