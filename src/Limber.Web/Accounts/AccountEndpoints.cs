using Limber.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Limber.Web.Accounts;

/// <summary>The account actions of the pages that are not pages: signing out, and downloading one's data.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with the antiforgery token (the form binding asks for its check), so no other site can sign anyone out.
        app.MapPost("/account/sign-out", async ([FromForm] string? returnUrl, SignInManager<Person> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect(Hosting.LocalPath.OrDefault(returnUrl, "/"));
            })
            .ExcludeFromDescription();

        app.MapGet("/account/export", async (
                HttpContext context, SignedInPerson signedIn, PersonData data, Limber.Web.Progress.ProgressReader progress, FhirExport fhir, TimeProvider time,
                CancellationToken ct) =>
            {
                if (await signedIn.FindAsync(context.User, ct) is not { } person)
                {
                    return Results.Challenge();
                }
                return await ExportDownload.CreateAsync(person.Id, data, progress, fhir, time, ct) ?? Results.Challenge();
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>The person's export as a zip download, with its audit event; shared by the page and the API.</summary>
public static class ExportDownload
{
    /// <summary>The download, or null when the person no longer exists.</summary>
    public static async Task<IResult?> CreateAsync(
        Guid personId, PersonData data, Limber.Web.Progress.ProgressReader progress, FhirExport fhir, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(fhir);
        ArgumentNullException.ThrowIfNull(time);
        var export = await data.ExportWithAuditAsync(personId, ct);
        if (export is null)
        {
            return null;
        }
        var report = (await progress.ReadAsync(personId, ct)).Report;
        var at = time.GetUtcNow();
        // ExportArchive builds the zip in memory and copies it out asynchronously: straight into the response.
        return TypedResults.Stream(body => ExportArchive.WriteAsync(export, at, body, fhir, report, ct), "application/zip", ExportArchive.FileName(at));
    }

    /// <summary>The person's FHIR R4 bundle (the zip's fhir-bundle.json) alone, with its own audit event; null when the person no longer exists.</summary>
    public static async Task<IResult?> CreateFhirAsync(Guid personId, PersonData data, FhirExport fhir, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fhir);
        ArgumentNullException.ThrowIfNull(time);
        var export = await data.ExportWithAuditAsync(personId, FhirExport.AuditFormat, ct);
        return export is null ? null : TypedResults.Text(fhir.Serialize(export, time.GetUtcNow()), FhirExport.MediaType, System.Text.Encoding.UTF8);
    }
}
