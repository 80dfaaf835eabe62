using System.Net;
using Limber.Domain.Catalogue;
using Limber.Storage;
using Limber.Web.Safety;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Planning;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The coach's handout of a client's program (GET /coach/clients/{id}/program/handout.pdf from the builder page, and the
/// same on the API): the client's routine from the coach's program as a PDF, read back with PdfPig: each exercise with its
/// dose and the coach's note, the stop line, the coach's name, and the code that opens the program in the app.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CoachProgramHandoutTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    private static string PageHandout(Guid clientId) => $"/coach/clients/{clientId}/program/handout.pdf";

    private async Task<(TestCoach Coach, TestPerson Client, CoachLink Link)> SetAsync(string who)
    {
        var coach = await Coaches.CoachAsync(server, $"{who}-coach");
        var client = await Coaches.ClientAsync(server, $"{who}-client");
        var link = await Coaches.LinkAsync(server, coach, client, "Jo");
        (await coach.Person.SendAsync(HttpMethod.Put, $"/api/v1/coach/clients/{client.Id}/program", CoachProgramApiTests.Desk()))
            .Status.ShouldBe(HttpStatusCode.OK);
        return (coach, client, link);
    }

    private static async Task<(HttpResponseMessage Response, byte[] Bytes)> DownloadAsync(HttpClient http, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ((int)response.StatusCode).ShouldBeLessThan(500, System.Text.Encoding.UTF8.GetString(bytes));
        return (response, bytes);
    }

    [Fact]
    public async Task The_coach_prints_the_client_s_program_with_figures_doses_notes_the_stop_line_and_a_code_that_opens_it()
    {
        var (coach, client, link) = await SetAsync("handout");
        using var c = coach;
        using var cl = client;
        var browser = await CoachProgramPageTests.BrowserAsync(_browsers, coach.Person);
        var routine = await Coaches.RoutineAsync(client);
        var today = routine.GetProperty("date").GetString();

        var (response, bytes) = await DownloadAsync(browser, PageHandout(client.Id));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.ContentDisposition!.ToString().ShouldBe($"attachment; filename=\"limber-program-{today}.pdf\"");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        using (var pdf = PdfDocument.Open(bytes))
        {
            pdf.Information.Title.ShouldStartWith("Desk reset, ");
        }
        var text = string.Join(" ", RoutineHandoutTests.PageTexts(bytes));
        text.ShouldContain("Desk reset");
        text.ShouldContain("From your coach, Coach handout-coach");
        var catalogue = server.Services.GetRequiredService<ExerciseCatalogue>();
        foreach (var item in routine.GetProperty("items").EnumerateArray())
        {
            text.ShouldContain(catalogue.Find(item.GetProperty("exerciseId").GetString()!)!.Name);
            text.ShouldContain(item.GetProperty("doseText").GetString()!);
        }
        text.ShouldContain("Note from your coach: Small and slow is fine.");
        text.ShouldContain("Note from your coach: Use your hands if you need to.");
        text.ShouldContain(SafetyNotice.StopIf);
        text.ShouldNotContain("you asked for");

        using var first = PdfDocument.Open(bytes);
        var page = first.GetPage(1);
        var url = server.Url("/today");
        RoutineHandoutTests.DrawnText(page).ShouldContain(url);
        RoutineHandoutTests.ShouldBeTheCodeOf(RoutineHandoutTests.DrawnCode(page), url);

        // Printing is a look at the client's data: their log says so.
        (await Coaches.ViewsAsync(server, client.Id)).ShouldContain(CoachRecords.Subject(link.Id) + "/program-handout");

        // The API gives the same file to a bearer token.
        var api = await coach.Person.GetAsync($"/api/v1/coach/clients/{client.Id}/program/handout.pdf");
        api.Status.ShouldBe(HttpStatusCode.OK);
        api.Bytes.ShouldBe(bytes);
    }

    [Fact]
    public async Task The_client_s_own_handout_of_a_coach_s_program_carries_the_coach_s_name_and_notes()
    {
        var (coach, client, _) = await SetAsync("handout-own");
        using var c = coach;
        using var cl = client;
        var browser = await CoachProgramPageTests.BrowserAsync(_browsers, client);

        var (response, bytes) = await DownloadAsync(browser, "/today/handout.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith("limber-program-");
        var text = string.Join(" ", RoutineHandoutTests.PageTexts(bytes));
        text.ShouldContain("From your coach, Coach handout-own-coach");
        text.ShouldContain("Note from your coach: Tuck your tailbone under first.");
    }

    [Fact]
    public async Task Without_a_saved_program_or_a_routine_there_is_no_handout_and_the_answer_says_what_to_do()
    {
        using var coach = await Coaches.CoachAsync(server, "handout-none-coach");
        using var client = await Coaches.ClientAsync(server, "handout-none-client");
        await Coaches.LinkAsync(server, coach, client, "Jo");
        var browser = await CoachProgramPageTests.BrowserAsync(_browsers, coach.Person);

        var (response, bytes) = await DownloadAsync(browser, PageHandout(client.Id), "application/json");
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        System.Text.Encoding.UTF8.GetString(bytes).ShouldContain("save a program for them first");

        var (pageResponse, pageBytes) = await DownloadAsync(browser, PageHandout(client.Id), "text/html,*/*;q=0.8");
        pageResponse.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = System.Text.Encoding.UTF8.GetString(pageBytes);
        html.ShouldContain("<h1>No handout for now</h1>");
        html.ShouldContain($"href=\"/coach/clients/{client.Id}/program\"");
        html.ShouldContain(SafetyNotice.Disclaimer);

        // Routines held back: the coach learns that there is a step for the client, not what their answers were.
        (await coach.Person.SendAsync(HttpMethod.Put, $"/api/v1/coach/clients/{client.Id}/program", CoachProgramApiTests.Desk()))
            .Status.ShouldBe(HttpStatusCode.OK);
        await client.StoreScreenAsync(AccountApi.UrgentScreen());
        var (held, heldBytes) = await DownloadAsync(browser, PageHandout(client.Id), "application/json");
        held.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        System.Text.Encoding.UTF8.GetString(heldBytes).ShouldContain("not planning routines for this client at the moment");
    }
}
