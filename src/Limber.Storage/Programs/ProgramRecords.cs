using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>The person's six-week program: when it started. Started once, when onboarding is first answered.</summary>
public sealed class ProgramRecords(LimberDbContext db)
{
    public const string SixWeekProgramName = "Six-week program";

    /// <summary>The active program, or null when none has started.</summary>
    public Task<Program?> ActiveAsync(Guid personId, CancellationToken ct = default) =>
        db.Programs.AsNoTracking()
            .Where(p => p.PersonId == personId && p.Status == ProgramStatus.Active)
            .OrderByDescending(p => p.StartedOn)
            .FirstOrDefaultAsync(ct);

    /// <summary>Starts the program on <paramref name="today"/> unless one is active already; answers the active one.</summary>
    public async Task<Program> EnsureStartedAsync(Guid personId, DateOnly today, CancellationToken ct = default)
    {
        if (await ActiveAsync(personId, ct) is { } active)
        {
            return active;
        }

        var program = new Program { PersonId = personId, Name = SixWeekProgramName, StartedOn = today, Status = ProgramStatus.Active };
        db.Programs.Add(program);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return program;
    }
}
