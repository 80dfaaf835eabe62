using System.Security.Cryptography;
using System.Text.Json;
using Limber.Domain.Catalogue;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Hosting;
using Limber.Web.Safety;
using Microsoft.AspNetCore.Identity;

namespace Limber.Web.Accounts;

public sealed record ConsentJson(string Purpose, string Version, DateTimeOffset GivenAt);

public sealed record RoutineGateJson(string Access, bool RoutinesAllowed, string RuleId, string Reason, Guid? HoldingScreenId)
{
    public static RoutineGateJson From(RoutineGateState gate) =>
        new(ContentName.Of(gate.Access), gate.RoutinesAllowed, gate.RuleId, gate.Reason, gate.HoldingScreenId);
}

/// <summary>The account's basics; the health-data consent in force and the routine gate when there is consent.</summary>
public sealed record AccountJson(Guid Id, string Email, bool EmailConfirmed, DateTimeOffset CreatedAt, ConsentJson? HealthDataConsent, RoutineGateJson? Routines)
{
    public static AccountJson From(Person person, Consent? consent, RoutineGateState? gate)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Id, person.Email ?? "", person.EmailConfirmed, person.CreatedAt,
            consent is null ? null : new ConsentJson(consent.Purpose, consent.Version, consent.GivenAt),
            gate is null ? null : RoutineGateJson.From(gate));
    }
}

public sealed record ConfirmationJson(Guid Id, string Kind, DateTimeOffset ConfirmedAt, string? Note);

/// <summary>A stored screen: as judged, with its answers, its confirmations and the routine gate after it.</summary>
public sealed record StoredScreenJson(
    Guid Id,
    DateTimeOffset TakenAt,
    int Age,
    bool FirstEpisode,
    IReadOnlyDictionary<string, string> Answers,
    string Disposition,
    IReadOnlyList<ScreenReasonJson> Reasons,
    string RulesVersion,
    string Heading,
    string WhatToDo,
    string? ConfirmationNeeded,
    IReadOnlyList<ConfirmationJson> Confirmations)
{
    public static StoredScreenJson From(StoredScreen stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var screen = stored.Screen;
        var advice = DispositionAdvice.For(screen.Disposition);
        return new(
            screen.Id, screen.TakenAt, screen.Age, screen.FirstEpisode,
            screen.Answers.OrderBy(a => a.ItemId, StringComparer.Ordinal).ToDictionary(a => a.ItemId, a => ContentName.Of(a.Answer)),
            ContentName.Of(screen.Disposition),
            [.. stored.Reasons.Select(r => new ScreenReasonJson(r.Id, ContentName.Of(r.Answer), ContentName.Of(r.Disposition), r.Text))],
            screen.RulesVersion,
            advice.Heading,
            advice.WhatToDo,
            RoutineGate.ConfirmationNeeded(screen.Disposition) is { } needed ? ContentName.Of(needed) : null,
            [.. stored.Confirmations.Select(c => new ConfirmationJson(c.Id, ContentName.Of(c.Kind), c.ConfirmedAt, c.Note))]);
    }
}

public sealed record StoredScreenResultJson(StoredScreenJson Screen, RoutineGateJson Routines);

public sealed record ScreenListJson(IReadOnlyList<StoredScreenJson> Screens, RoutineGateJson Routines);

public sealed record ConfirmationRequestJson(string Kind, string? Note);

public sealed record ConsentRequestJson(string? Version);

public sealed record DeletedJson(string DeletionReference);

/// <summary>
/// The signed-in person's own data, by bearer token only (never a cookie, so no cross-site form can call it).
/// Every handler looks the person up again, so a deleted account or one signed out everywhere is refused at
/// once; and every query is by the person's own id, so another person's record is simply not found.
/// </summary>
public static class MeApi
{
    public const string ConsentNeededTitle = "Consent needed";

    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Your data").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapGet("", Get).WithName("GetMe").WithSummary("The account's basics, the health-data consent and the routine gate")
            .Produces<AccountJson>();
        me.MapDelete("", Delete).WithName("DeleteMe")
            .WithSummary("Delete the account and everything stored about the person; the same credentials cannot sign in after")
            .Produces<DeletedJson>();
        me.MapPost("/sign-out-everywhere", SignOutEverywhere).WithName("SignOutEverywhere")
            .WithSummary("End every sign-in of the account, on every device, this one included")
            .Produces(StatusCodes.Status204NoContent);
        me.MapGet("/export", Export).WithName("ExportMe")
            .WithSummary("Everything stored about the person, as a zip of JSON and CSV files, with a FHIR R4 bundle")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        me.MapGet("/export/fhir", ExportFhir).WithName("ExportMeFhir")
            .WithSummary("The person's program, exercises, pain and activity ratings and screens as a FHIR R4 bundle (collection)")
            .Produces(StatusCodes.Status200OK, contentType: FhirExport.MediaType);

        me.MapPost("/consents/health-data", GiveConsent).WithName("GiveHealthDataConsent")
            .WithSummary("Give the consent to store and process health data (screens, check-ins, sessions)")
            .Accepts<ConsentRequestJson>("application/json")
            .Produces<ConsentJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        me.MapDelete("/consents/health-data", WithdrawConsent).WithName("WithdrawHealthDataConsent")
            .WithSummary("Withdraw the health-data consent: processing stops at once; export and deletion stay open")
            .Produces(StatusCodes.Status204NoContent);

        me.MapPost("/screens", StoreScreen).WithName("StoreScreen")
            .WithSummary("Judge a warning-sign screen and store it (same body as /api/v1/safety/screen)")
            .Accepts<ScreenRequestJson>("application/json")
            .Produces<StoredScreenResultJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapGet("/screens", ListScreens).WithName("ListScreens")
            .WithSummary("Every stored screen, newest first, with the routine gate")
            .Produces<ScreenListJson>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapGet("/screens/{id}", GetScreen).WithName("GetScreen")
            .WithSummary("One stored screen")
            .Produces<StoredScreenJson>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/screens/{id}/confirmation", Confirm).WithName("ConfirmReferral")
            .WithSummary("Record \"I was seen\" (urgent) or \"I was seen and cleared to exercise\" (emergency) for a stored screen")
            .Accepts<ConfirmationRequestJson>("application/json")
            .Produces<StoredScreenResultJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Get(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ScreenRecords screens, CancellationToken ct)
    {
        if (await signedIn.FindPersonAsync(context.User, ct) is not { } person)
        {
            return NotSignedIn();
        }
        var consent = await consents.CurrentAsync(person.Id, Consent.HealthData, ct);
        var gate = consent is null ? null : await screens.GateAsync(person.Id, ct);
        return TypedResults.Ok(AccountJson.From(person, consent, gate));
    }

    private static async Task<IResult> Delete(HttpContext context, SignedInPerson signedIn, PersonData data, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return NotSignedIn();
        }
        var reference = DeletionReference();
        await data.DeleteEverythingAsync(person.Id, reference, ct);
        return TypedResults.Ok(new DeletedJson(reference));
    }

    private static async Task<IResult> SignOutEverywhere(HttpContext context, SignedInPerson signedIn, UserManager<Person> users)
    {
        if (await signedIn.FindPersonAsync(context.User, context.RequestAborted) is not { } person)
        {
            return NotSignedIn();
        }
        await users.UpdateSecurityStampAsync(person);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Export(
        HttpContext context, SignedInPerson signedIn, PersonData data, Limber.Web.Progress.ProgressReader progress, FhirExport fhir, TimeProvider time,
        CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return NotSignedIn();
        }
        return await ExportDownload.CreateAsync(person.Id, data, progress, fhir, time, ct) ?? NotSignedIn();
    }

    // Like the zip, no consent is needed: it is the person's own data going to them.
    private static async Task<IResult> ExportFhir(HttpContext context, SignedInPerson signedIn, PersonData data, FhirExport fhir, TimeProvider time, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return NotSignedIn();
        }
        return await ExportDownload.CreateFhirAsync(person.Id, data, fhir, time, ct) ?? NotSignedIn();
    }

    private static async Task<IResult> GiveConsent(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, CancellationToken ct)
    {
        const string title = "The consent cannot be recorded";
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return NotSignedIn();
        }

        // The body may be empty; a client that shows the wording sends the version it showed.
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (document, refusal) = await JsonBody.ReadObjectAsync(context.Request, title, "the version of the wording shown", ct);
            if (document is null)
            {
                return refusal!;
            }
            using (document)
            {
                var errors = new FieldErrors();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name != "version")
                    {
                        JsonBody.RefuseUnknown(property, ["version"], "a consent", errors);
                    }
                    else if (JsonBody.Text(property, errors) is { } version && version != AccountSettings.HealthDataConsentVersion)
                    {
                        errors.Add("version", $"The wording now in force is version {AccountSettings.HealthDataConsentVersion}; show it to the person and send that version.");
                    }
                }
                if (errors.Any)
                {
                    return errors.ToProblem(title);
                }
            }
        }

        var consent = await consents.GiveAsync(person.Id, Consent.HealthData, AccountSettings.HealthDataConsentVersion, ct);
        return TypedResults.Created("/api/v1/me", new ConsentJson(consent.Purpose, consent.Version, consent.GivenAt));
    }

    private static async Task<IResult> WithdrawConsent(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return NotSignedIn();
        }
        await consents.WithdrawAsync(person.Id, Consent.HealthData, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> StoreScreen(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ScreenRecords screens, CancellationToken ct)
    {
        if (await ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var (screen, invalid) = await SafetyApi.ReadScreenAsync(context.Request, ct);
        if (screen is null)
        {
            return invalid!;
        }
        var stored = await screens.StoreAsync(person.Id, screen, WarningSignScreen.Judge(screen), ct);
        var gate = await screens.GateAsync(person.Id, ct);
        return TypedResults.Created($"/api/v1/me/screens/{stored.Screen.Id}",
            new StoredScreenResultJson(StoredScreenJson.From(stored), RoutineGateJson.From(gate)));
    }

    private static async Task<IResult> ListScreens(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ScreenRecords screens, CancellationToken ct)
    {
        if (await ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var all = await screens.ListAsync(person.Id, ct);
        var gate = await screens.GateAsync(person.Id, ct);
        return TypedResults.Ok(new ScreenListJson([.. all.Select(StoredScreenJson.From)], RoutineGateJson.From(gate)));
    }

    private static async Task<IResult> GetScreen(string id, HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ScreenRecords screens, CancellationToken ct)
    {
        if (await ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        return Guid.TryParse(id, out var screenId) && await screens.FindAsync(person.Id, screenId, ct) is { } stored
            ? TypedResults.Ok(StoredScreenJson.From(stored))
            : NoSuchScreen();
    }

    private static async Task<IResult> Confirm(string id, HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ScreenRecords screens, CancellationToken ct)
    {
        const string title = "The confirmation cannot be recorded";
        if (await ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        if (!Guid.TryParse(id, out var screenId))
        {
            return NoSuchScreen();
        }

        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title, "kind (\"seen\" or \"clearedToExercise\") and an optional note", ct);
        if (document is null)
        {
            return bad!;
        }
        ReferralConfirmationKind? kind = null;
        string? note = null;
        using (document)
        {
            var errors = new FieldErrors();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "kind":
                        var text = JsonBody.Text(property, errors);
                        if (text is not null)
                        {
                            kind = ContentName.TryParse<ReferralConfirmationKind>(text, out var k) ? k : null;
                            if (kind is null)
                            {
                                errors.Add("kind", "kind must be \"seen\" (I was seen by a doctor) or \"clearedToExercise\" (I was seen and a clinician said I can exercise).");
                            }
                        }
                        break;
                    case "note":
                        note = JsonBody.Text(property, errors);
                        if (note?.Length > 500)
                        {
                            errors.Add("note", "note is at most 500 characters.");
                        }
                        break;
                    default:
                        JsonBody.RefuseUnknown(property, ["kind", "note"], "a confirmation", errors);
                        break;
                }
            }
            if (!errors.Any && kind is null)
            {
                errors.Add("kind", "kind is missing: \"seen\" or \"clearedToExercise\".");
            }
            if (errors.Any)
            {
                return errors.ToProblem(title);
            }
        }

        var (_, refused) = await screens.ConfirmAsync(person.Id, screenId, kind!.Value, note, ct);
        switch (refused)
        {
            case ConfirmationRefusal.NoSuchScreen:
                return NoSuchScreen();
            case ConfirmationRefusal.NotNeeded:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title,
                    detail: "This screen's outcome asks for no confirmation: routines were never paused by it.");
            case null:
                break;
        }
        var stored = await screens.FindAsync(person.Id, screenId, ct);
        var gate = await screens.GateAsync(person.Id, ct);
        return TypedResults.Created($"/api/v1/me/screens/{screenId}", new StoredScreenResultJson(StoredScreenJson.From(stored!), RoutineGateJson.From(gate)));
    }

    /// <summary>The signed-in person when their health-data consent is in force; else the 401 or 403 to answer.</summary>
    internal static async Task<(SignedInAccount? Person, IResult? Refusal)> ConsentingPersonAsync(
        HttpContext context, SignedInPerson signedIn, ConsentRecords consents, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return (null, NotSignedIn());
        }
        if (await consents.CurrentAsync(person.Id, Consent.HealthData, ct) is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ConsentNeededTitle,
                detail: "Limber stores and reads health data only with your consent. Give it with POST /api/v1/me/consents/health-data "
                    + "(or on the account page), then try again. Your export and account deletion work without it."));
        }
        return (person, null);
    }

    internal static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotSignedIn() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Not signed in", detail: "Sign in again: the token is not valid for any account.");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoSuchScreen() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such screen", detail: "You have no stored screen with that id.");

    /// <summary>A random reference for the deletion's audit event: it identifies no one by itself; the person may keep it.</summary>
    public static string DeletionReference() => "deletion-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
