using Limber.Web.Hosting;
using Limber.Web.Illustration;
using Limber.Web.Planning;
using Limber.Web.Safety;

namespace Limber.Web.Coaching;

/// <summary>A rendered handout and the name it is saved under.</summary>
public readonly record struct CoachProgramHandoutFile(byte[] Bytes, string FileName);

/// <summary>
/// A coach's printable handout of a client's program (product.md part 9): <see cref="RoutineHandout"/>'s sheet of the
/// client's routine as Limber plans it from the coach's program today, under the same safety decision as the client's
/// own (so it never prints what the client's routine would not hold), with the program's name, the coach's name and
/// notes, and a code that opens the program in the app for the client. Access is the caller's to check.
/// </summary>
public sealed class CoachProgramHandout(PersonalPlans plans, CoachPrograms programs, FigureCache figures, SiteSettings site, IConfiguration config)
{
    /// <summary>Where the printed code leads the client: today's routine from the program, with the coach's notes and the player.</summary>
    public const string ProgramPath = "/today";

    /// <summary>
    /// The handout, or why there is none, in words that say what to do and nothing of the client's own answers: their
    /// screens are theirs to share.
    /// </summary>
    public async Task<(CoachProgramHandoutFile? File, string? Problem)> RenderAsync(Guid clientId, HttpContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await plans.LoadAsync(clientId, ct);
        if (plan.Coach is not { } program)
        {
            return (null, "This client follows Limber's own plan: save a program for them first, then print it.");
        }
        if (plan.Block is not null)
        {
            return (null, "Limber is not planning routines for this client at the moment: there is something they need to do first, such as "
                + "answering the onboarding or warning-sign questions. The handout can be printed once their routine is back.");
        }
        var planned = plans.Routine(plan, plan.Today);
        if (planned.Routine is not { } routine)
        {
            return (null, "None of the exercises in this program can go in the client's routine today, because of what they told Limber about "
                + "positions, equipment or their latest answers. Change the program, or ask the client what would suit them.");
        }
        var summary = await programs.SummaryAsync(clientId, program, ct);
        // Not the client's own reason (their screens are theirs to share): the same care, in words that reveal nothing.
        const string gentle = "For now this routine keeps to gentle options first, as Limber's safety rules advise after the latest answers.";
        var content = HandoutContent.From(routine, gentle, plans.Exercise, figures,
            SiteAddress.Of(context.Request, config, ProgramPath), Regions.Emergency(context, site))
            with { Coach = new HandoutCoach(summary!.Name, summary.CoachName) };
        return (new CoachProgramHandoutFile(RoutineHandout.Render(content), RoutineHandout.FileName(plan.Today, coach: true)), null);
    }
}
