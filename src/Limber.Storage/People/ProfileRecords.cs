using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>One everyday activity as the person names and scores it now.</summary>
public sealed record ActivityRating(string Name, int Score);

/// <summary>The person's profile with the latest rating of each activity it names, oldest activity first.</summary>
public sealed record StoredProfile(Profile Profile, IReadOnlyList<ProfileActivity> Activities);

/// <summary>
/// The onboarding answers (issue 6): one profile per person, edited in place, and the everyday-activity ratings,
/// one row per rating so the history over the weeks is kept. Each save is one transaction: the profile and every
/// rating, or nothing.
/// </summary>
public sealed class ProfileRecords(LimberDbContext db, TimeProvider time)
{
    /// <summary>The person's profile with the latest rating of each of its activities; null when they have none.</summary>
    public async Task<StoredProfile?> FindAsync(Guid personId, CancellationToken ct = default)
    {
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == personId, ct);
        if (profile is null)
        {
            return null;
        }
        var ratings = await db.ProfileActivities.AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(ct);
        return new StoredProfile(profile, Latest(ratings));
    }

    /// <summary>Every rating of the person, oldest first: the history the progress page charts.</summary>
    public async Task<IReadOnlyList<ProfileActivity>> HistoryAsync(Guid personId, CancellationToken ct = default) =>
        [
            // Sorted here: the databases order names by different collations.
            .. (await db.ProfileActivities.AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(ct))
                .OrderBy(a => a.RecordedAt).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id),
        ];

    /// <summary>
    /// Creates or replaces the person's answers (every field of <paramref name="answers"/> but its ids, region and
    /// time of update) and their activities. An activity is the same activity whatever its letter case: a new rating
    /// row is written only when it is new or its score changed, so the history keeps every change and nothing twice;
    /// a changed spelling is corrected on its rows. An activity no longer named is removed with its ratings, as the
    /// person asked. Answers whether the profile was created.
    /// </summary>
    public async Task<(StoredProfile Profile, bool Created)> SaveAsync(
        Guid personId, Profile answers, IReadOnlyList<ActivityRating> activities, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(activities);
        if (activities.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != activities.Count)
        {
            throw new ArgumentException("Each activity may be named once, whatever its letter case.", nameof(activities));
        }

        try
        {
            return await SaveOnceAsync(personId, answers, activities, ct);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the unique index on PersonId refused the second profile. Saving again
            // finds the profile the other one made and edits it.
            return await SaveOnceAsync(personId, answers, activities, ct);
        }
    }

    private Task<(StoredProfile Profile, bool Created)> SaveOnceAsync(
        Guid personId, Profile answers, IReadOnlyList<ActivityRating> activities, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var now = StoredTime.Now(time);
                var profile = await db.Profiles.SingleOrDefaultAsync(p => p.PersonId == personId, ct);
                var created = profile is null;
                if (profile is null)
                {
                    profile = new Profile { Id = Guid.NewGuid(), PersonId = personId };
                    db.Profiles.Add(profile);
                }
                Copy(answers, profile);
                profile.UpdatedAt = now;

                var ratings = await db.ProfileActivities.Where(a => a.PersonId == personId).ToListAsync(ct);
                var byName = ratings.ToLookup(a => a.Name, StringComparer.OrdinalIgnoreCase);
                var named = activities.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                db.ProfileActivities.RemoveRange(ratings.Where(r => !named.Contains(r.Name)));
                foreach (var activity in activities)
                {
                    var history = byName[activity.Name].ToList();
                    foreach (var row in history.Where(r => r.Name != activity.Name))
                    {
                        row.Name = activity.Name;
                    }
                    var latest = history.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).FirstOrDefault();
                    if (latest is null || latest.Score != activity.Score)
                    {
                        db.ProfileActivities.Add(new ProfileActivity
                        {
                            Id = Guid.NewGuid(),
                            PersonId = personId,
                            Name = activity.Name,
                            Score = activity.Score,
                            RecordedAt = now,
                        });
                    }
                }

                // The first answers start the six-week program, on the person's own date.
                if (!await db.Programs.AnyAsync(p => p.PersonId == personId && p.Status == ProgramStatus.Active, ct))
                {
                    db.Programs.Add(new Program
                    {
                        PersonId = personId,
                        Name = ProgramRecords.SixWeekProgramName,
                        StartedOn = PersonalDate.Today(time, profile.TimeZoneId),
                        Status = ProgramStatus.Active,
                    });
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                var stored = db.ProfileActivities.Local.Where(a => a.PersonId == personId).ToList();
                return (new StoredProfile(profile, Latest(stored)), created);
            }
            finally
            {
                // Committed or not, a later SaveChanges of this scope must not write these again.
                db.ChangeTracker.Clear();
            }
        }, ct);

    private static void Copy(Profile from, Profile to)
    {
        to.TightAreas = [.. from.TightAreas];
        to.Triggers = [.. from.Triggers];
        to.DayActivities = [.. from.DayActivities];
        to.SittingHoursPerDay = from.SittingHoursPerDay;
        to.Positions = [.. from.Positions];
        to.Equipment = [.. from.Equipment];
        to.MinutesPerSession = from.MinutesPerSession;
        to.SessionsPerDay = from.SessionsPerDay;
        to.WorkHoursStart = from.WorkHoursStart;
        to.WorkHoursEnd = from.WorkHoursEnd;
        to.BaselinePain = from.BaselinePain;
        to.MorningStiffnessMinutes = from.MorningStiffnessMinutes;
        to.TimeZoneId = from.TimeZoneId;
    }

    /// <summary>The latest rating of each activity, the activity first rated earliest first.</summary>
    private static List<ProfileActivity> Latest(IEnumerable<ProfileActivity> ratings) =>
    [
        .. ratings.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => (First: g.Min(r => r.RecordedAt), Latest: g.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).First()))
            .OrderBy(a => a.First).ThenBy(a => a.Latest.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => a.Latest),
    ];
}
