using System.Collections;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Catalogue;
using Limber.Web.Tests.Hosting;

namespace Limber.Web.Tests.Accounts;

public class ExportArchiveTests
{
    // An hour east of UTC, so a time written without converting would show.
    private static readonly DateTimeOffset ExportedAt = new(2026, 11, 23, 10, 15, 0, TimeSpan.FromHours(1));

    /// <summary>Writes fhir-bundle.json, with the repository's real catalogue.</summary>
    private static readonly FhirExport Bundles = new(
        ContentFolder.Load(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "content")).CatalogueOrThrow(), publicUrl: null);

    private static readonly Guid PersonId = Guid.Parse("5d1c7f0e-2f43-4a55-9a51-0c3e1a7b9d11");
    private static readonly Guid ScreenId = Guid.Parse("0b7c3f7a-8a4e-4e0e-9d0f-5a3b2c1d4e5f");
    private static readonly Guid SessionId = Guid.Parse("a4e0c7b2-6f1d-4c3b-8e2a-9d7f6e5c4b3a");

    // Commas, doubled quotes, a CR LF, a lone LF and text beyond ASCII, all in one cell.
    private const string Note = "Seen by Dr. Ørsted, who said \"keep moving\".\r\nNext visit in 2 weeks\nmaybe – 東京";

    private const string FormulaName = "=HYPERLINK(\"http://example.com\",\"click\")";

    private static readonly PersonExport Sample = new(
        new ExportedAccount(
            PersonId, "ana", "ana@example.org", EmailConfirmed: true, PhoneNumber: null, PhoneNumberConfirmed: false,
            TwoFactorEnabled: true, LockoutEnabled: true, LockoutEnd: null, AccessFailedCount: 2,
            CreatedAt: new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(1)),
            Roles: ["Person"],
            Claims: [new ExportedClaim("name", "Ana \"Ana\" Müller, PT")],
            Logins: [new ExportedLogin("Google", "Google")],
            Passkeys: [new ExportedPasskey("Phone", new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero), ["internal", "hybrid"])]),
        Profiles:
        [
            new ProfileRow(
                Guid.Parse("11111111-1111-4111-8111-111111111111"), PersonId, ["lowerBack", "hipFront"], ["afterSitting"],
                ["sitting"], 8, ["floor", "chair"], ["mat"], 10, 2, new TimeOnly(9, 0), new TimeOnly(17, 30), 4, 30,
                "Europe/London", "GB", new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.FromHours(-5))),
        ],
        ProfileActivities: [],
        JudgedScreens:
        [
            new JudgedScreenRow(
                ScreenId, PersonId, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), "Full", 41, true, "Urgent", "2026.1",
                """[{"id":"night-pain","text":"Pain at night, even lying still"}]"""),
        ],
        ScreenAnswers:
        [
            new ScreenAnswerRow(Guid.Parse("22222222-2222-4222-8222-222222222222"), PersonId, ScreenId, "night-pain", "Yes"),
            new ScreenAnswerRow(Guid.Parse("33333333-3333-4333-8333-333333333333"), PersonId, ScreenId, "fever", "No"),
        ],
        ReferralConfirmations:
        [
            new ReferralConfirmationRow(
                Guid.Parse("44444444-4444-4444-8444-444444444444"), PersonId, ScreenId,
                new DateTimeOffset(2026, 3, 3, 18, 45, 30, 123, TimeSpan.FromHours(2)), "Seen", Note),
        ],
        Programs:
        [
            new ProgramRow(Guid.Parse("55555555-5555-4555-8555-555555555555"), PersonId, FormulaName, new DateOnly(2026, 3, 4), "Active", null, null, null, null),
        ],
        Routines: [],
        RoutineItems: [],
        Sessions:
        [
            new SessionRow(SessionId, PersonId, null, new DateOnly(2026, 3, 5), new DateTimeOffset(2026, 3, 5, 7, 0, 0, TimeSpan.Zero), null, "client-1", 2, 4),
        ],
        ExerciseLogs:
        [
            new ExerciseLogRow(Guid.Parse("66666666-6666-4666-8666-666666666666"), PersonId, SessionId, "cat-cow", true, 2, "@tooHard"),
            new ExerciseLogRow(Guid.Parse("77777777-7777-4777-8777-777777777777"), PersonId, SessionId, "bridge", false, null, "-1+1"),
            new ExerciseLogRow(Guid.Parse("88888888-8888-4888-8888-888888888888"), PersonId, SessionId, "bird-dog", true, 0, "\tcmd|' /C calc'!A0"),
        ],
        SessionStops:
        [
            new SessionStopRow(Guid.Parse("99999999-9999-4999-8999-999999999999"), PersonId, SessionId, "bird-dog", "PainDuringExercise", 7,
                new DateTimeOffset(2026, 1, 6, 7, 40, 0, TimeSpan.Zero), "stop.pain_above_5", "StopSetRegressNextSession", "None"),
        ],
        CheckIns:
        [
            new CheckInRow(
                Guid.Parse("99999999-9999-4999-8999-999999999999"), PersonId, new DateOnly(2026, 3, 6),
                new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.FromHours(-4)), 3, 5, 20, ["lowerBack"], ["heat", "walk"],
                LegSymptoms: false, Numbness: true, BladderOrBowelChange: false, Note: "=SUM(A1)"),
        ],
        Consents:
        [
            new ConsentRow(
                Guid.Parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"), PersonId, "health-data", "1",
                new DateTimeOffset(2026, 1, 5, 8, 1, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero)),
        ],
        ReminderSchedules:
        [
            new ReminderScheduleRow(
                Guid.Parse("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"), PersonId, "Europe/London", ["07:30 Routine"], ["Monday", "Friday"],
                null, [], null, null, ["22:00-07:00"], null, new DateTimeOffset(2026, 1, 5, 8, 1, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 7, 8, 1, 0, TimeSpan.Zero), null, null, null, null),
        ],
        DueReminders:
        [
            new DueReminderRow(
                Guid.Parse("dddddddd-dddd-4ddd-8ddd-dddddddddddd"), PersonId, "Routine", new DateTimeOffset(2026, 1, 6, 7, 30, 0, TimeSpan.Zero),
                new DateOnly(2026, 1, 6), new TimeOnly(7, 30), "NoDevice", new DateTimeOffset(2026, 1, 6, 7, 30, 0, TimeSpan.Zero), 1, null, null,
                new DateTimeOffset(2026, 1, 6, 7, 30, 1, TimeSpan.Zero), [],
                "No device has notifications on."),
        ],
        PushDevices: [],
        OrganisationMembers: [],
        CoachInvites: [],
        CoachLinks: [],
        ProgramExercises: [],
        AuditEvents:
        [
            new AuditEventRow(
                Guid.Parse("cccccccc-cccc-4ccc-8ccc-cccccccccccc"), PersonId, new DateTimeOffset(2026, 1, 5, 8, 1, 0, TimeSpan.Zero),
                "consent.given", "Person", "consent:health-data"),
        ]);

    private static readonly PersonExport Empty = new(
        Sample.Account with { Roles = [], Claims = [], Logins = [], Passkeys = [] },
        [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []);

    [Fact]
    public async Task The_archive_holds_the_readme_the_json_and_a_csv_per_table()
    {
        var entries = await Archive(Sample);

        entries.Keys.ShouldBe(
        [
            "README.txt", "limber-export.json", "account.json", "csv/account.csv",
            "csv/profiles.csv", "csv/profile-activities.csv", "csv/judged-screens.csv", "csv/screen-answers.csv",
            "csv/referral-confirmations.csv", "csv/programs.csv", "csv/routines.csv", "csv/routine-items.csv",
            "csv/sessions.csv", "csv/exercise-logs.csv", "csv/session-stops.csv", "csv/check-ins.csv", "csv/consents.csv",
            "csv/reminder-schedules.csv", "csv/due-reminders.csv", "csv/push-devices.csv", "csv/organisation-members.csv", "csv/coach-invites.csv", "csv/coach-links.csv", "csv/program-exercises.csv", "csv/audit-events.csv",
            "fhir-bundle.json",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Every_table_of_the_export_gets_a_csv_with_its_columns_and_a_readme_line()
    {
        // A new table in PersonExport must show up here without anyone remembering to add it.
        var listProperties = typeof(PersonExport).GetProperties()
            .Count(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>));
        var tables = Empty.Tables();
        tables.Count.ShouldBe(listProperties);

        var entries = await Archive(Empty);
        foreach (var table in tables)
        {
            var path = ExportArchive.CsvPath(table.Name);
            entries.ShouldContainKey(path);
            ParseCsv(Text(entries[path]))[0].ShouldBe(ExpectedHeader(ExportArchive.RowType(table.Name)), path);
            ExportArchive.TableDescriptions.ShouldContainKey(table.Name, $"{table.Name} needs a line in README.txt saying what it holds");
        }
    }

    [Fact]
    public async Task It_writes_to_a_response_body_that_cannot_seek_nor_write_synchronously()
    {
        using var buffered = new MemoryStream();
        await ExportArchive.WriteAsync(Sample, ExportedAt, buffered, Bundles, CancellationToken.None);
        using var body = new ResponseBody();

        await ExportArchive.WriteAsync(Sample, ExportedAt, body, Bundles, CancellationToken.None);

        // The same export makes the same bytes, whichever stream it goes to.
        body.Written().ShouldBe(buffered.ToArray());
        using var zip = new ZipArchive(new MemoryStream(body.Written()), ZipArchiveMode.Read);
        zip.Entries.Count.ShouldBe(5 + Sample.Tables().Count);
    }

    [Fact]
    public async Task The_readme_names_every_file_of_the_archive_and_only_those()
    {
        var entries = await Archive(Sample);
        var readme = Text(entries["README.txt"]);

        foreach (var name in entries.Keys)
        {
            Regex.IsMatch(readme, $"^{Regex.Escape(name)} ", RegexOptions.Multiline).ShouldBeTrue($"README.txt has no line for {name}");
        }

        var named = Regex.Matches(readme, @"[A-Za-z0-9_./-]+\.(?:csv|json|txt)\b").Select(m => m.Value).Distinct();
        foreach (var name in named)
        {
            entries.ShouldContainKey(name, $"README.txt names {name}, which is not in the archive");
        }
    }

    [Fact]
    public async Task The_readme_says_when_how_values_are_written_and_what_is_left_out()
    {
        var readme = Text((await Archive(Sample))["README.txt"]);

        readme.ShouldContain("2026-11-23 at 09:15:00 UTC");
        readme.ShouldContain("2026-11-23T09:15:00.0000000+00:00");
        readme.ShouldContain("ISO 8601");
        readme.ShouldContain("by name");
        readme.ShouldContain("hold the same data");
        readme.ShouldContain("apostrophe");
        readme.ShouldContain("hash");
        readme.ShouldContain("security and concurrency stamps");
        readme.ShouldContain("recovery codes");
        readme.ShouldContain("passkeys' key material");
        readme.ShouldContain("csv/screen-answers.csv");
        readme.ShouldContain("(2 rows)");
        readme.ShouldNotContain("\r");
    }

    [Fact]
    public async Task Each_csv_reads_back_to_the_rows_of_its_table()
    {
        var entries = await Archive(Sample);

        foreach (var table in Sample.Tables())
        {
            var path = ExportArchive.CsvPath(table.Name);
            var records = ParseCsv(Text(entries[path]));
            var rowType = ExportArchive.RowType(table.Name);
            records[0].ShouldBe(ExpectedHeader(rowType), path);
            records.Count.ShouldBe(table.Rows.Count + 1, path);
            var properties = Parameters(rowType).Select(p => rowType.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance)!).ToList();
            for (var i = 0; i < table.Rows.Count; i++)
            {
                records[i + 1].ShouldBe(properties.Select(p => ExpectedCell(p.GetValue(table.Rows[i]))).ToList(), $"{path} row {i + 1}");
            }
        }
    }

    [Fact]
    public async Task Text_with_commas_quotes_line_breaks_and_accents_survives_the_csv()
    {
        var csv = Text((await Archive(Sample))["csv/referral-confirmations.csv"]);

        ParseCsv(csv)[1][5].ShouldBe(Note);
        // RFC 4180: quoted, inner quotes doubled, line breaks kept inside the quotes.
        csv.ShouldContain("\"Seen by Dr. Ørsted, who said \"\"keep moving\"\".\r\nNext visit in 2 weeks\nmaybe – 東京\"\r\n");
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe()
    {
        var entries = await Archive(Sample);

        ParseCsv(Text(entries["csv/programs.csv"]))[1][2].ShouldBe("'" + FormulaName);
        var logs = ParseCsv(Text(entries["csv/exercise-logs.csv"]));
        logs.Skip(1).Select(r => r[6]).ShouldBe(["'@tooHard", "'-1+1", "'\tcmd|' /C calc'!A0"]);
        // Numbers are not text: a negative number would keep its sign as it is.
        logs[1][5].ShouldBe("2");
        // The JSON keeps the text exactly.
        using var json = JsonDocument.Parse(entries["limber-export.json"]);
        json.RootElement.GetProperty("programs")[0].GetProperty("name").GetString().ShouldBe(FormulaName);
    }

    [Fact]
    public async Task An_empty_table_has_only_its_header()
    {
        var entries = await Archive(Sample);

        Text(entries["csv/routines.csv"]).ShouldBe("id,personId,programId,kind,stage\r\n");
        Text(entries["csv/profile-activities.csv"]).ShouldBe("id,personId,name,score,recordedAt\r\n");
    }

    [Fact]
    public async Task Times_are_utc_in_iso_8601_in_the_csv_and_the_json()
    {
        var entries = await Archive(Sample);

        // 23:30 four hours west of UTC is 03:30 the next day.
        var checkIn = ParseCsv(Text(entries["csv/check-ins.csv"]))[1];
        checkIn[2].ShouldBe("2026-03-06");
        checkIn[3].ShouldBe("2026-03-07T03:30:00.0000000+00:00");
        ParseCsv(Text(entries["csv/referral-confirmations.csv"]))[1][3].ShouldBe("2026-03-03T16:45:30.1230000+00:00");
        // Times of day are local wall-clock times and stay as they are.
        ParseCsv(Text(entries["csv/due-reminders.csv"]))[1][5].ShouldBe("07:30:00");

        using var json = JsonDocument.Parse(entries["limber-export.json"]);
        json.RootElement.GetProperty("exportedAt").GetString().ShouldBe("2026-11-23T09:15:00.0000000+00:00");
        json.RootElement.GetProperty("checkIns")[0].GetProperty("recordedAt").GetString().ShouldBe("2026-03-07T03:30:00.0000000+00:00");
        json.RootElement.GetProperty("account").GetProperty("createdAt").GetString().ShouldBe("2026-01-05T07:00:00.0000000+00:00");
        json.RootElement.GetProperty("account").GetProperty("passkeys")[0].GetProperty("createdAt").GetString()
            .ShouldBe("2026-02-01T12:00:00.0000000+00:00");
        json.RootElement.GetProperty("profiles")[0].GetProperty("workHoursEnd").GetString().ShouldBe("17:30:00");
    }

    [Fact]
    public async Task Every_text_file_is_utf8_without_a_byte_order_mark_and_csv_lines_end_in_crlf()
    {
        var entries = await Archive(Sample);

        foreach (var (name, bytes) in entries)
        {
            bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]).ShouldBeFalse(name);
            // Throws on anything that is not valid UTF-8.
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }

        // Outside quoted fields every line break is CR LF (the parser refuses a lone CR or LF).
        foreach (var name in entries.Keys.Where(n => n.EndsWith(".csv", StringComparison.Ordinal)))
        {
            Text(entries[name]).ShouldEndWith("\r\n");
        }
    }

    [Fact]
    public async Task The_json_document_holds_the_whole_export_with_its_format_and_time()
    {
        var entries = await Archive(Sample);
        var json = Text(entries["limber-export.json"]);

        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            root.EnumerateObject().Select(p => p.Name).Take(3).ShouldBe(["format", "exportedAt", "account"]);
            root.GetProperty("format").GetString().ShouldBe("limber-export/1");
            root.GetProperty("checkIns")[0].GetProperty("whatHelped").EnumerateArray().Select(e => e.GetString()).ShouldBe(["heat", "walk"]);
            root.GetProperty("judgedScreens")[0].GetProperty("disposition").GetString().ShouldBe("Urgent");
            root.GetProperty("sessions")[0].GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        }

        json.ShouldContain("\n  \"account\": {"); // indented, for people who open it in an editor
        json.ShouldContain("Ørsted"); // accents as they are, not \u00D8
        var back = JsonSerializer.Deserialize<PersonExport>(json, JsonSerializerOptions.Web)!;
        back.Account.Email.ShouldBe("ana@example.org");
        back.Account.Claims.ShouldBe(Sample.Account.Claims);
        back.ReferralConfirmations.Single().Note.ShouldBe(Note);
        back.ReferralConfirmations.Single().ConfirmedAt.ShouldBe(Sample.ReferralConfirmations[0].ConfirmedAt);
        back.CheckIns.Single().RecordedAt.ShouldBe(Sample.CheckIns[0].RecordedAt);
        back.CheckIns.Single().Date.ShouldBe(new DateOnly(2026, 3, 6));
        back.ReminderSchedules.Single().Days.ShouldBe(["Monday", "Friday"]);
        back.ReminderSchedules.Single().QuietTimes.ShouldBe(["22:00-07:00"]);
        back.DueReminders.Single().LocalTime.ShouldBe(new TimeOnly(7, 30));
        back.Programs.Single().Name.ShouldBe(FormulaName);
        back.ExerciseLogs.Select(l => l.Feedback).ShouldBe(Sample.ExerciseLogs.Select(l => l.Feedback));
        back.Tables().Select(t => t.Rows.Count).ShouldBe(Sample.Tables().Select(t => t.Rows.Count));
    }

    [Fact]
    public async Task The_fhir_bundle_is_the_export_as_fhir_r4_at_the_time_of_the_export()
    {
        var entries = await Archive(Sample);
        var json = Text(entries["fhir-bundle.json"]);

        json.ShouldBe(Bundles.Serialize(Sample, ExportedAt));
        var bundle = Hl7.Fhir.Serialization.PocoDeserializationExtensions.Deserialize<Hl7.Fhir.Model.Bundle>(
            Hl7.Fhir.Serialization.FhirJsonDeserializer.STRICT, json);
        bundle.Type.ShouldBe(Hl7.Fhir.Model.Bundle.BundleType.Collection);
        bundle.Timestamp.ShouldBe(ExportedAt);
        // The patient, the program, the check-in and the screen with its outcome.
        bundle.Entry.Select(e => e.Resource!.TypeName)
            .ShouldBe(["Patient", "CarePlan", "Observation", "QuestionnaireResponse", "Observation"]);
        json.ShouldEndWith("}\n");
        json.ShouldNotContain("\r");
    }

    [Fact]
    public async Task Account_json_holds_the_account_alone_and_no_secrets()
    {
        var json = Text((await Archive(Sample))["account.json"]);

        var account = JsonSerializer.Deserialize<ExportedAccount>(json, JsonSerializerOptions.Web)!;
        account.Id.ShouldBe(PersonId);
        account.UserName.ShouldBe("ana");
        account.Passkeys.Single().Transports.ShouldBe(["internal", "hybrid"]);
        using var document = JsonDocument.Parse(json);
        document.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(ExpectedHeader(typeof(ExportedAccount)));
        json.ShouldNotContain("passwordHash", Case.Insensitive);
        json.ShouldNotContain("securityStamp", Case.Insensitive);
    }

    [Fact]
    public async Task The_account_csv_is_one_row_with_its_lists_as_json_cells()
    {
        var records = ParseCsv(Text((await Archive(Sample))["csv/account.csv"]));

        records.Count.ShouldBe(2);
        records[0].ShouldBe(ExpectedHeader(typeof(ExportedAccount)));
        var row = records[0].Zip(records[1]).ToDictionary(p => p.First, p => p.Second);
        row["id"].ShouldBe("5d1c7f0e-2f43-4a55-9a51-0c3e1a7b9d11");
        row["email"].ShouldBe("ana@example.org");
        row["phoneNumber"].ShouldBe("");
        row["twoFactorEnabled"].ShouldBe("true");
        row["phoneNumberConfirmed"].ShouldBe("false");
        row["lockoutEnd"].ShouldBe("");
        row["accessFailedCount"].ShouldBe("2");
        row["createdAt"].ShouldBe("2026-01-05T07:00:00.0000000+00:00");
        row["roles"].ShouldBe("""["Person"]""");
        row["claims"].ShouldBe("""[{"type":"name","value":"Ana \"Ana\" Müller, PT"}]""");
        row["logins"].ShouldBe("""[{"loginProvider":"Google","providerDisplayName":"Google"}]""");
        row["passkeys"].ShouldBe("""[{"name":"Phone","createdAt":"2026-02-01T12:00:00.0000000+00:00","transports":["internal","hybrid"]}]""");
    }

    [Theory]
    [InlineData("2026-11-23T10:15:00+01:00", "limber-export-2026-11-23.zip")]
    // Late evening in New York is already the next day in UTC.
    [InlineData("2026-11-23T23:30:00-05:00", "limber-export-2026-11-24.zip")]
    public void The_file_name_carries_the_utc_date(string exportedAt, string expected)
    {
        ExportArchive.FileName(DateTimeOffset.Parse(exportedAt, CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Fact]
    public async Task The_format_document_lists_the_columns_of_every_csv_in_order()
    {
        var doc = File.ReadAllLines(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "docs", "export-format.md"));
        var entries = await Archive(Empty);

        foreach (var name in entries.Keys)
        {
            var heading = Array.FindIndex(doc, l => l.StartsWith("### ", StringComparison.Ordinal) && l.Contains($"`{name}`", StringComparison.Ordinal));
            heading.ShouldBeGreaterThanOrEqualTo(0, $"docs/export-format.md has no section for {name}");
            if (!name.EndsWith(".csv", StringComparison.Ordinal))
            {
                continue;
            }

            var documented = doc.Skip(heading + 1)
                .TakeWhile(l => !l.StartsWith('#'))
                .Select(l => Regex.Match(l, @"^\| `([A-Za-z][A-Za-z0-9]*)` \|"))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .ToList();
            documented.ShouldBe(ParseCsv(Text(entries[name]))[0], $"the columns of {name} in docs/export-format.md");
        }
    }

    private static async Task<Dictionary<string, byte[]>> Archive(PersonExport export)
    {
        using var stream = new MemoryStream();
        await ExportArchive.WriteAsync(export, ExportedAt, stream, Bundles, CancellationToken.None);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = entry.Open();
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes);
            entries.Add(entry.FullName, bytes.ToArray());
        }

        return entries;
    }

    private static string Text(byte[] bytes) => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

    // The record's positional parameters: declaration order, found another way than the archive finds it.
    private static ParameterInfo[] Parameters(Type record) =>
        record.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single().GetParameters();

    private static List<string> ExpectedHeader(Type record) =>
        [.. Parameters(record).Select(p => char.ToLowerInvariant(p.Name![0]) + p.Name[1..])];

    // Written out by hand from the format document, not by the archive's code.
    private static string ExpectedCell(object? value) => value switch
    {
        null => "",
        string text when text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) => "'" + text,
        string text => text,
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture), // the samples have no fractions of a second
        IEnumerable<string> list => "[" + string.Join(",", list.Select(s => $"\"{s}\"")) + "]", // the samples need no escaping
        IEnumerable => throw new InvalidOperationException("Lists of records are checked by the account test."),
        _ => throw new InvalidOperationException($"No expected format for {value.GetType()}: add one to the test and the format document."),
    };

    /// <summary>RFC 4180, strictly: a lone CR or LF outside quotes, or a stray quote, is an error; the text ends in CR LF.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                // A quoted field: up to the closing quote, "" standing for one quote.
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"A quote inside an unquoted field at {i}.");
                    }

                    field.Append(text[i++]);
                }
            }

            record.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
            else if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                throw new FormatException($"Expected a comma or CR LF at {i}.");
            }
        }

        if (record.Count > 0)
        {
            throw new FormatException("The last line does not end in CR LF.");
        }

        records.Count.ShouldBeGreaterThan(0);
        records.ShouldAllBe(r => r.Count == records[0].Count, "every record has as many fields as the header");
        return records;
    }

    /// <summary>Like Kestrel's response body: it cannot seek, and refuses synchronous writes and flushes.</summary>
    private sealed class ResponseBody : Stream
    {
        private readonly MemoryStream _written = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public byte[] Written() => _written.ToArray();

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Write(ReadOnlySpan<byte> buffer) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _written.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _written.WriteAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
