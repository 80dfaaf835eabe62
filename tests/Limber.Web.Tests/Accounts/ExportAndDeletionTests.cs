using System.Net;
using System.Text.Json;
using static Limber.Web.Tests.Accounts.AccountApi;
using static Limber.Web.Tests.Accounts.ConsentTests;

namespace Limber.Web.Tests.Accounts;

/// <summary>The person's rights over HTTP: everything of theirs out as a zip, and everything of theirs gone.</summary>
[Collection(AccountServerCollection.Name)]
public sealed class ExportAndDeletionTests(AccountServer server)
{
    [Fact]
    public async Task The_export_is_a_zip_of_JSON_and_CSV_with_the_persons_screens_and_consents()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var emergency = (await person.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid();
        var calm = (await person.StoreScreenAsync(Screen())).Screen.GetProperty("id").GetGuid();
        (await person.ConfirmAsync(emergency, "seen", "Seen at the clinic")).Status.ShouldBe(HttpStatusCode.Created);

        var answer = await person.GetAsync("/api/v1/me/export");
        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.MediaType.ShouldBe("application/zip");
        answer.Bytes.AsSpan(0, 4).ToArray().ShouldBe(new byte[] { 0x50, 0x4b, 0x03, 0x04 }, "a zip starts with PK\\3\\4");
        var files = ReadZip(answer.Bytes);

        files.Keys.ShouldContain("limber-export.json");
        files.Keys.ShouldContain("account.json");
        files.Keys.ShouldContain("csv/account.csv");
        files.Keys.ShouldContain("csv/judged-screens.csv");
        files.Keys.ShouldContain("csv/screen-answers.csv");
        files.Keys.ShouldContain("csv/consents.csv");

        var export = ExportDocument(files);
        export.GetProperty("account").GetProperty("id").GetGuid().ShouldBe(person.Id);
        export.GetProperty("account").GetProperty("email").GetString().ShouldBe(person.Email);
        export.GetProperty("judgedScreens").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldBe([emergency, calm], ignoreOrder: true);
        var answers = export.GetProperty("screenAnswers").EnumerateArray().ToList();
        answers.Count.ShouldBe(2 * Limber.Domain.Safety.WarningSignScreen.Items.Count);
        answers.Single(a => a.GetProperty("screenId").GetGuid() == emergency && a.GetProperty("itemId").GetString() == "saddle_numbness")
            .GetProperty("answer").GetString().ShouldBe("Yes");
        var consent = export.GetProperty("consents").EnumerateArray().ShouldHaveSingleItem();
        consent.GetProperty("purpose").GetString().ShouldBe("health-data");
        consent.GetProperty("version").GetString().ShouldBe(ConsentVersion);
        export.GetProperty("referralConfirmations").EnumerateArray().ShouldHaveSingleItem().GetProperty("note").GetString().ShouldBe("Seen at the clinic");

        // The CSV files hold the same rows.
        var screensCsv = files["csv/judged-screens.csv"];
        screensCsv.ShouldContain(emergency.ToString());
        screensCsv.ShouldContain(calm.ToString());
        CsvRows(files["csv/screen-answers.csv"]).ShouldBe(answers.Count);
        CsvRows(files["csv/consents.csv"]).ShouldBe(1);
        files["csv/account.csv"].ShouldContain(person.Email);
        // Every row of every file belongs to the person.
        foreach (var (table, rows) in export.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Select(p => (p.Name, p.Value)))
        {
            rows.EnumerateArray().ShouldAllBe(r => r.GetProperty("personId").GetGuid() == person.Id, table);
        }
    }

    [Fact]
    public async Task The_export_holds_nothing_of_another_person()
    {
        using var ana = await TestPerson.CreateAsync(server, consent: true, who: "ana");
        using var ben = await TestPerson.CreateAsync(server, consent: true, who: "ben");
        var anaScreen = (await ana.StoreScreenAsync(UrgentScreen())).Screen.GetProperty("id").GetGuid();
        var benScreen = (await ben.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid();
        (await ben.ConfirmAsync(benScreen, "seen", "Ben's private note")).Status.ShouldBe(HttpStatusCode.Created);
        (await ben.GetAsync("/api/v1/me/export")).Status.ShouldBe(HttpStatusCode.OK);

        var files = await ana.ExportAsync();
        var everything = string.Join("\n", files.Values);
        everything.ShouldContain(anaScreen.ToString());
        foreach (var secret in new[] { ben.Id.ToString(), ben.Id.ToString("N"), benScreen.ToString(), ben.Email, "Ben's private note" })
        {
            everything.ShouldNotContain(secret, Case.Insensitive);
        }
        var export = ExportDocument(files);
        export.GetProperty("judgedScreens").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldBe([anaScreen]);
        export.GetProperty("referralConfirmations").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Deleting_the_account_answers_a_deletion_reference_and_the_same_credentials_no_longer_sign_in()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        await person.StoreScreenAsync(EmergencyScreen());
        var refresh = person.RefreshToken;

        var deleted = await person.DeleteAsync("/api/v1/me");
        deleted.Status.ShouldBe(HttpStatusCode.OK, deleted.ToString());
        var reference = deleted.Json.GetProperty("deletionReference").GetString().ShouldNotBeNull();
        reference.ShouldStartWith("deletion-");
        reference.ShouldNotContain(person.Id.ToString("N"), Case.Insensitive);
        reference.ShouldNotContain(person.Email, Case.Insensitive);

        (await PostAsync(person.Anonymous, "/api/v1/auth/login", Credentials(person.Email, person.Password))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await person.GetAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await person.GetAsync("/api/v1/me/screens")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await person.GetAsync("/api/v1/me/export")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await person.DeleteAsync("/api/v1/me")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await PostAsync(person.Anonymous, "/api/v1/auth/refresh", new System.Text.Json.Nodes.JsonObject { ["refreshToken"] = refresh }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_deletion_the_same_email_registers_as_a_new_empty_account()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        await person.StoreScreenAsync(UrgentScreen());
        (await person.DeleteAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK);

        var again = await PostAsync(person.Anonymous, "/api/v1/auth/register", Credentials(person.Email, "a different long passphrase"));
        again.Status.ShouldBe(HttpStatusCode.Created, again.ToString());
        var newId = again.Json.GetProperty("id").GetGuid();
        newId.ShouldNotBe(person.Id);

        var login = await PostAsync(person.Anonymous, "/api/v1/auth/login", Credentials(person.Email, "a different long passphrase"));
        login.Status.ShouldBe(HttpStatusCode.OK, login.ToString());
        person.UseTokens(login.Json);
        var me = (await person.GetAsync("/api/v1/me")).Json;
        me.GetProperty("id").GetGuid().ShouldBe(newId);
        me.TryGetProperty("healthDataConsent", out _).ShouldBeFalse("the old consent went with the old account");
        (await person.PostAsync("/api/v1/me/consents/health-data", "")).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(0);
        var export = ExportDocument(await person.ExportAsync());
        export.GetProperty("judgedScreens").GetArrayLength().ShouldBe(0);
        Actions(export).ShouldBe(["consent.given", "data.exported"]);
    }

    [Fact]
    public async Task Deleting_one_account_leaves_another_untouched()
    {
        using var ana = await TestPerson.CreateAsync(server, consent: true, who: "ana");
        using var ben = await TestPerson.CreateAsync(server, consent: true, who: "ben");
        var anaScreen = (await ana.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid();
        await ben.StoreScreenAsync(UrgentScreen());

        (await ben.DeleteAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK);

        (await ana.GetAsync("/api/v1/me")).Status.ShouldBe(HttpStatusCode.OK);
        var list = (await ana.GetAsync("/api/v1/me/screens")).Json;
        list.GetProperty("screens").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldBe([anaScreen]);
        list.GetProperty("routines").GetProperty("access").GetString().ShouldBe("lockedUntilCleared");
    }

    private static int CsvRows(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
}
