using Limber.Domain.Catalogue;
using Limber.Storage;

namespace Limber.Web.Coaching;

/// <summary>
/// The plain words of coaching links, one place for the API and the pages: what each kind of shared data means, why an
/// invitation cannot be accepted, and each coaching event of a client's log as a sentence.
/// </summary>
public static class CoachLinkWords
{
    /// <summary>Every kind of data a client may share, in the order the pages list them.</summary>
    public static IReadOnlyList<ShareKind> Kinds { get; } = Enum.GetValues<ShareKind>();

    /// <summary>The kind's name in the API and in forms: progress, sessions, screens, program.</summary>
    public static string Name(ShareKind kind) => ContentName.Of(kind);

    /// <summary>What the kind is called on a checkbox: "My progress".</summary>
    public static string Title(ShareKind kind) => kind switch
    {
        ShareKind.Progress => "My progress",
        ShareKind.Sessions => "My sessions",
        ShareKind.Screens => "My warning-sign screens",
        ShareKind.Program => "My program",
    };

    /// <summary>What sharing the kind lets a coach see (or do), in one sentence.</summary>
    public static string Explanation(ShareKind kind) => kind switch
    {
        ShareKind.Progress => "Your daily check-ins, your pain and stiffness scores, your everyday-activity scores and the charts on your progress page.",
        ShareKind.Sessions => "The sessions you do, how each exercise felt, and any session you stopped, with the reason you gave.",
        ShareKind.Screens => "The outcome of each warning-sign screen you answer, and the reasons for it.",
        ShareKind.Program => "Your program and the dose of each exercise. Your coach may also change them for you.",
    };

    /// <summary>The kind as a noun phrase in a sentence: "your progress".</summary>
    public static string Phrase(ShareKind kind) => kind switch
    {
        ShareKind.Progress => "your progress",
        ShareKind.Sessions => "your sessions",
        ShareKind.Screens => "your warning-sign screens",
        ShareKind.Program => "your program",
    };

    /// <summary>What a link shares, as a phrase: "your progress and your sessions", or "nothing yet".</summary>
    public static string Shared(CoachShares shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return List([.. Kinds.Where(shares.Allows).Select(Phrase)]) ?? "nothing yet";
    }

    /// <summary>The form field of the share boxes: one checkbox per kind, each with the kind's name as its value.</summary>
    public const string FormField = "shares";

    /// <summary>What the ticked boxes of a form share; null when a value is not a kind (a forged or outdated form).</summary>
    public static CoachShares? FromForm(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var chosen = new HashSet<ShareKind>();
        foreach (var value in values)
        {
            if (!ContentName.TryParse<ShareKind>(value, out var kind))
            {
                return null;
            }
            chosen.Add(kind);
        }
        return new CoachShares(chosen.Contains(ShareKind.Progress), chosen.Contains(ShareKind.Sessions),
            chosen.Contains(ShareKind.Screens), chosen.Contains(ShareKind.Program));
    }

    /// <summary>Where an invitation stands, as its API name: open, expired, accepted, withdrawn.</summary>
    public static string Name(InviteState state) => ContentName.Of(state);

    /// <summary>Who ended a link, as its API name: client, coach, organisation.</summary>
    public static string Name(CoachLinkEndedBy by) => ContentName.Of(by);

    /// <summary>How a link ended, as a sentence for its client.</summary>
    public static string Ended(LinkView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var when = view.Link.EndedAt is { } at ? $" on {Day(at)}" : "";
        return view.Link.EndedBy switch
        {
            CoachLinkEndedBy.Client => $"You ended this link{when}.",
            CoachLinkEndedBy.Coach => $"{view.CoachName} ended this link{when}.",
            CoachLinkEndedBy.Organisation => $"{Organisation(view)} ended this link{when}: {Within(view.CoachName)} no longer coaches there.",
            null => $"This link ended{when}.",
        };
    }

    /// <summary>Why an invitation cannot be accepted, for a page or a problem's detail; null when it can (or was).</summary>
    public static string? Refusal(AcceptOutcome outcome, string coachName, string organisationName) => outcome switch
    {
        AcceptOutcome.Linked => null,
        AcceptOutcome.NotFound =>
            "This invitation link is not known. Check that the whole link was copied, or ask your coach for a new one.",
        AcceptOutcome.Expired =>
            $"This invitation has expired: invitations work for {CoachRecords.InviteLifetime.Days} days. Ask {coachName} for a new one.",
        AcceptOutcome.AlreadyUsed =>
            $"This invitation has already been used: each one works once. If it was not you who used it, ask {coachName} for a new one.",
        AcceptOutcome.Withdrawn =>
            $"{coachName} has withdrawn this invitation. Ask them for a new one if you still want to link.",
        AcceptOutcome.OwnInvite =>
            "This is your own invitation: a coach cannot be their own client. Send the link to the person you want to coach.",
        AcceptOutcome.AlreadyLinked =>
            $"You are already linked with {coachName}. You can change what you share on your coaches page.",
        AcceptOutcome.CoachGone =>
            $"{coachName} no longer coaches at {(organisationName.Length > 0 ? organisationName : "their organisation")}, so this invitation cannot be used.",
    };

    /// <summary>Where an invitation stands, as the outcome accepting it now would have (for an invitation that is not open).</summary>
    public static AcceptOutcome Outcome(InviteState state) => state switch
    {
        InviteState.Open => AcceptOutcome.Linked,
        InviteState.Expired => AcceptOutcome.Expired,
        InviteState.Accepted => AcceptOutcome.AlreadyUsed,
        InviteState.Withdrawn => AcceptOutcome.Withdrawn,
    };

    /// <summary>
    /// One coaching event of a client's log as a sentence, with the coach it is about: who linked, who changed what is
    /// shared, who ended a link, who looked at what and who changed the program. <paramref name="links"/> are the
    /// client's links, to name the coach.
    /// </summary>
    public static CoachActivity Activity(AuditEvent e, IReadOnlyDictionary<Guid, LinkView> links)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(links);
        var (linkId, detail) = ParseSubject(e.SubjectRef);
        var view = linkId is { } id && links.TryGetValue(id, out var found) ? found : null;
        var coach = view?.CoachName ?? "A coach";
        var organisation = view?.OrganisationName ?? "";
        var text = e.Action switch
        {
            AuditEvent.CoachLinked => $"You linked with {coach}{(organisation.Length > 0 ? $" at {organisation}" : "")}, sharing {SharedIn(detail)}.",
            AuditEvent.CoachSharesChanged => $"You changed what {coach} may see: {SharedIn(detail)}.",
            AuditEvent.CoachLinkEnded => e.ActorKind switch
            {
                AuditActorKind.Person => $"You ended your link with {coach}.",
                _ when view?.Link.EndedBy == CoachLinkEndedBy.Organisation =>
                    $"{(organisation.Length > 0 ? organisation : "The organisation")} ended your link with {Within(coach)}, who no longer coaches there.",
                _ => $"{coach} ended the link with you.",
            },
            AuditEvent.CoachViewed => $"{coach} looked at {Looked(detail)}.",
            AuditEvent.CoachProgramSet => $"{coach} changed your program.",
            _ => $"{coach}: {e.Action}.",
        };
        return new CoachActivity(e.At, e.Action, view?.CoachName ?? "", organisation, text);
    }

    /// <summary>What a coach looked at ("progress", "sessions", ...), as words; a name Limber does not know is shown as it is.</summary>
    public static string Looked(string? what) => what switch
    {
        null or "" => "your data",
        "dashboard" => "your summary on their dashboard",
        "client" or "summary" => "your name and what you share",
        "progress" => "your progress",
        "checkins" or "check-ins" => "your check-ins",
        "sessions" => "your sessions",
        "screens" => "your warning-sign screens",
        "program" => "your program",
        "handout" or "program-handout" => "your program's printable handout",
        "fhir" or "export-fhir" => "a health-app (FHIR) file of what you share",
        _ => "your " + what.Replace('-', ' '),
    };

    private static string SharedIn(string? detail)
    {
        if (string.IsNullOrEmpty(detail) || detail == "nothing")
        {
            return "nothing yet";
        }
        var phrases = detail.Split(',')
            .Select(name => ContentName.TryParse<ShareKind>(name, out var kind) ? Phrase(kind) : name)
            .ToList();
        return List(phrases) ?? "nothing yet";
    }

    /// <summary>The link id and what follows it in an audit subject (coach-link:{id}/{detail}).</summary>
    private static (Guid? LinkId, string? Detail) ParseSubject(string subject)
    {
        const string prefix = "coach-link:";
        if (!subject.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (null, null);
        }
        var rest = subject[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var id = slash < 0 ? rest : rest[..slash];
        return (Guid.TryParse(id, out var linkId) ? linkId : null, slash < 0 ? null : rest[(slash + 1)..]);
    }

    private static string? List(List<string> items) => items.Count switch
    {
        0 => null,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>A coach's name inside a sentence: the stand-in for a coach no longer in the organisation starts lower case there.</summary>
    private static string Within(string coach) => coach.StartsWith("A former", StringComparison.Ordinal) ? "a" + coach[1..] : coach;

    private static string Organisation(LinkView view) => view.OrganisationName.Length > 0 ? view.OrganisationName : "The organisation";

    /// <summary>A day in words: 24 November 2026.</summary>
    public static string Day(DateTimeOffset at) => at.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One event of a client's coaching log, in words: when, what (the audit action), which coach, and the sentence.</summary>
public sealed record CoachActivity(DateTimeOffset At, string Action, string Coach, string Organisation, string Text);
