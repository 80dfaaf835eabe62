using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Limber.Storage;

namespace Limber.Web.Accounts;

/// <summary>
/// A person's export (<see cref="PersonExport"/>) as a zip archive: a README in plain words, the
/// whole export as one JSON document, the account alone as JSON, one CSV file per table for
/// spreadsheets, and a FHIR R4 bundle for health apps (<see cref="FhirExport"/>). The JSON and the
/// CSV hold the same values, written by the same rules (docs/export-format.md).
/// </summary>
public static class ExportArchive
{
    /// <summary>The format version written into limber-export.json; a new one when a file or column changes meaning.</summary>
    public const string Format = "limber-export/1";

    internal const string ReadmeEntry = "README.txt";
    internal const string JsonEntry = "limber-export.json";
    internal const string AccountEntry = "account.json";
    internal const string AccountCsvEntry = "csv/account.csv";
    internal const string FhirEntry = "fhir-bundle.json";

    private const string CsvLineEnd = "\r\n";

    // Characters that make a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// camelCase, enums by name, instants in UTC. The relaxed encoder keeps accents and quotes
    /// readable; the file is downloaded, never embedded in a page.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new UtcInstantJsonConverter() },
    };

    // The same rules for one CSV cell, on one line.
    private static readonly JsonSerializerOptions CellJson = new(Json) { WriteIndented = false };

    /// <summary>The row type of each table, from the list type of the PersonExport property of the same name.</summary>
    private static readonly Dictionary<string, Type> RowTypes = typeof(PersonExport)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        .ToDictionary(p => p.Name, p => p.PropertyType.GetGenericArguments()[0], StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<Type, CsvColumn[]> ColumnsByType = new();

    /// <summary>What each table holds, in the README's words.</summary>
    internal static readonly IReadOnlyDictionary<string, string> TableDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(PersonExport.Profiles)] = "your profile: where it feels tight and when, your day, time and equipment for sessions, work hours, baseline pain, time zone, region",
        [nameof(PersonExport.ProfileActivities)] = "your ratings (0-10) of everyday activities you find hard, one row per rating",
        [nameof(PersonExport.JudgedScreens)] = "each warning-sign screen you took: when, your age, the outcome, the rules version and the reasons shown",
        [nameof(PersonExport.ScreenAnswers)] = "your answer to each question of each screen",
        [nameof(PersonExport.ReferralConfirmations)] = "when you confirmed you were seen, or cleared to exercise, after a screen's advice",
        [nameof(PersonExport.Programs)] = "your programs: name, start date, status",
        [nameof(PersonExport.Routines)] = "the routines of your programs, by kind and stage",
        [nameof(PersonExport.RoutineItems)] = "the exercises of each routine, in order, with their doses",
        [nameof(PersonExport.Sessions)] = "the sessions you did: when each started and finished",
        [nameof(PersonExport.ExerciseLogs)] = "how each exercise of a session went: done or not, worst pain, your feedback",
        [nameof(PersonExport.SessionStops)] = "what you reported during a session with \"this hurts\", and what Limber did about it",
        [nameof(PersonExport.CheckIns)] = "your daily check-ins: pain, stiffness, where it was felt, what helped, leg and other symptoms",
        [nameof(PersonExport.Consents)] = "the consents you gave and withdrew, with the version of the wording",
        [nameof(PersonExport.ReminderSchedules)] = "your reminder settings: times, days, desk breaks and working hours, quiet times, a paused day, time zone, and your calendar feed's secret as stored (its hash and an encrypted copy)",
        [nameof(PersonExport.DueReminders)] = "each reminder planned or sent in the last weeks, and what became of it",
        [nameof(PersonExport.PushDevices)] = "the browsers where you turned notifications on: name, push address and keys, when added and last reached",
        [nameof(PersonExport.OrganisationMembers)] = "the coaching organisations you belong to as a coach or administrator, and the name clients see",
        [nameof(PersonExport.CoachInvites)] = "the invitations you made as a coach: your label for each, when made, used or withdrawn",
        [nameof(PersonExport.CoachLinks)] = "your links with coaches (or, as a coach, with clients): what each may see, when it started and ended",
        [nameof(PersonExport.ProgramExercises)] = "the exercises a coach set in your program, with their doses and notes",
        [nameof(PersonExport.AuditEvents)] = "the record of what was done with your data: consents given, exports, every coach's view, and the like",
    };

    /// <summary>
    /// Writes the archive to <paramref name="destination"/>, which may be a non-seekable HTTP
    /// response body. The archive is built in memory and then copied asynchronously: a person's
    /// data is small, the response body refuses synchronous writes, and a seekable buffer lets
    /// every entry carry its sizes in its local header, which some unzip tools need.
    /// </summary>
    public static Task WriteAsync(PersonExport export, DateTimeOffset exportedAt, Stream destination, FhirExport fhir, CancellationToken ct) =>
        WriteAsync(export, exportedAt, destination, fhir, null, ct);

    /// <param name="fhir">Writes fhir-bundle.json: the same bundle as GET /api/v1/me/export/fhir.</param>
    /// <param name="progress">The person's progress, written as progress.json and csv/progress.csv; null when there is none (no consent or no onboarding yet).</param>
    public static async Task WriteAsync(
        PersonExport export, DateTimeOffset exportedAt, Stream destination, FhirExport fhir, Limber.Domain.Progress.ProgressReport? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(fhir);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var tables = export.Tables();
            Add(zip, ReadmeEntry, exportedAt, Readme(export, tables, exportedAt, progress is not null));
            Add(zip, JsonEntry, exportedAt, Document(export, exportedAt));
            Add(zip, AccountEntry, exportedAt, JsonSerializer.Serialize(export.Account, Json) + "\n");
            Add(zip, AccountCsvEntry, exportedAt, Csv(typeof(ExportedAccount), [export.Account]));
            foreach (var table in tables)
            {
                ct.ThrowIfCancellationRequested();
                Add(zip, CsvPath(table.Name), exportedAt, Csv(RowType(table.Name), table.Rows));
            }
            Add(zip, FhirEntry, exportedAt, fhir.Serialize(export, exportedAt));
            if (progress is not null)
            {
                // Progress is made from the rows above, not stored; it is here so the charts' numbers travel too.
                Add(zip, ProgressEntry, exportedAt, JsonSerializer.Serialize(Limber.Web.Progress.ProgressJson.Of(progress), Json) + "\n");
                Add(zip, ProgressCsvEntry, exportedAt, Csv(typeof(ProgressDayRow), ProgressDayRow.Of(progress)));
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(destination, ct);
    }

    /// <summary>The download's file name, by the export's UTC date: limber-export-2026-11-23.zip.</summary>
    public static string FileName(DateTimeOffset exportedAt) =>
        "limber-export-" + exportedAt.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".zip";

    /// <summary>The CSV file of a table: csv/ and the table name in kebab case (JudgedScreens → csv/judged-screens.csv).</summary>
    internal static string CsvPath(string tableName) => "csv/" + Kebab(tableName) + ".csv";

    /// <summary>An instant as every file writes it: ISO 8601 round-trip format, in UTC.</summary>
    internal static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    /// <summary>The row record type of a table; the CSV header comes from it even when the table is empty.</summary>
    internal static Type RowType(string tableName) =>
        RowTypes.TryGetValue(tableName, out var type)
            ? type
            : throw new InvalidOperationException(
                $"Table {tableName} has no list property of the same name on {nameof(PersonExport)}, so its columns are unknown.");

    /// <summary>The CSV column names of a row type: its properties, camelCase, in declaration order.</summary>
    internal static IReadOnlyList<string> ColumnNames(Type rowType) => [.. Columns(rowType).Select(c => c.Name)];

    private static void Add(ZipArchive zip, string name, DateTimeOffset exportedAt, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        // The export's time, not the clock's: the same export makes the same bytes.
        entry.LastWriteTime = exportedAt.ToUniversalTime();
        using var stream = entry.Open();
        stream.Write(Utf8NoBom.GetBytes(content));
    }

    private static string Document(PersonExport export, DateTimeOffset exportedAt)
    {
        var document = JsonSerializer.SerializeToNode(export, Json)!.AsObject();
        document.Insert(0, "format", Format);
        document.Insert(1, "exportedAt", Instant(exportedAt));
        return document.ToJsonString(Json) + "\n";
    }

    private static string Csv(Type rowType, IEnumerable<object> rows)
    {
        var columns = Columns(rowType);
        var csv = new StringBuilder();
        AppendRecord(csv, columns.Select(c => c.Name));
        foreach (var row in rows)
        {
            AppendRecord(csv, columns.Select(c => Cell(c.Property.GetValue(row))));
        }

        return csv.ToString();
    }

    private static void AppendRecord(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }

        csv.Append(CsvLineEnd);
    }

    /// <summary>
    /// One value as the JSON writes it, without the quotes of a JSON string: ids, times, dates and
    /// enums as their JSON text, numbers and true/false as is, lists and nested records as a JSON
    /// array on one line. So the CSV cannot drift from the JSON.
    /// </summary>
    private static string Cell(object? value)
    {
        switch (value)
        {
            case null:
                return "";
            case string text:
                return DefuseFormula(text);
            default:
                var json = JsonSerializer.SerializeToElement(value, value.GetType(), CellJson);
                return json.ValueKind == JsonValueKind.String ? DefuseFormula(json.GetString()!) : json.GetRawText();
        }
    }

    // A spreadsheet would run "=HYPERLINK(...)" typed into a note; the apostrophe makes it text.
    private static string DefuseFormula(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;

    private static CsvColumn[] Columns(Type rowType) =>
        ColumnsByType.GetOrAdd(rowType, static type => [.. type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            // Metadata order is declaration order: the record's parameters, left to right.
            .OrderBy(p => p.MetadataToken)
            .Select(p => new CsvColumn(JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))]);

    private static string Kebab(string name)
    {
        var kebab = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(name[i]));
        }

        return kebab.ToString();
    }

    internal const string ProgressEntry = "progress.json";
    internal const string ProgressCsvEntry = "csv/progress.csv";

    private static string Readme(PersonExport export, IReadOnlyList<ExportTable> tables, DateTimeOffset exportedAt, bool progress)
    {
        List<(string File, string Holds)> files =
        [
            (ReadmeEntry, "this file"),
            (JsonEntry, $"everything below in one JSON document, with the time of the export and the format version ({Format})"),
            (AccountEntry, "your account alone, as JSON"),
            (AccountCsvEntry, "your account as one row: user name, e-mail, phone, sign-in settings, when it was made; "
                + "roles, claims, logins and passkeys as JSON lists in their cells"),
            .. tables.Select(t => (CsvPath(t.Name),
                $"{TableDescriptions.GetValueOrDefault(t.Name, "the rows of the " + t.Name + " table")} ({Rows(t.Rows.Count)})")),
            (FhirEntry, "part of the above as a FHIR R4 bundle, for health apps that read FHIR: you, your exercise program "
                + "and its exercises with their doses, your pain from each check-in, your activity ratings, and your screens"),
            .. progress
                ? new[]
                {
                    (ProgressEntry, "your progress as the progress page shows it: pain, stiffness, sessions, activities, what seemed to help, the watch"),
                    (ProgressCsvEntry, "your progress one day a row: pain, its 7-day mean, stiffness, morning stiffness, sessions"),
                }
                : [],
        ];
        var width = files.Max(f => f.File.Length) + 2;
        var utc = exportedAt.ToUniversalTime();

        var text = new StringBuilder();
        text.Append("Limber data export\n");
        text.Append("==================\n\n");
        text.Append("Limber is a wellness app for a stiff lower back and tight hips. This archive holds\n");
        text.Append("everything Limber stores about you: your account's basics and every row of every\n");
        text.Append("table that belongs to you, each with all its columns.\n\n");
        text.Append("Exported on ").Append(utc.ToString("yyyy-MM-dd 'at' HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(" UTC (").Append(Instant(exportedAt)).Append(").\n");
        text.Append("Format version: ").Append(Format).Append(".\n");
        text.Append("Account id: ").Append(export.Account.Id.ToString("D")).Append(".\n\n");

        text.Append("Files\n-----\n\n");
        foreach (var (file, holds) in files)
        {
            text.Append(file.PadRight(width)).Append(holds).Append('\n');
        }

        text.Append("""

            How values are written
            ----------------------

            - The JSON files and the CSV files hold the same data; use whichever suits you.
              fhir-bundle.json follows the FHIR R4 standard's own rules instead (times with
              their offset, codes from LOINC and from Limber) and holds only the part above
              that FHIR has a place for.
            - Times are in UTC, in ISO 8601, e.g. 2026-11-23T09:15:00.0000000+00:00.
              Dates (e.g. 2026-11-23) are your local dates; times of day (e.g. 07:30:00) are
              wall-clock times in the time zone written beside them.
            - Choices are written by name, e.g. Urgent, DeskBreak, Monday.
            - Ids (e.g. personId, screenId, routineId) link rows across files.
            - JSON: UTF-8, names in camelCase, null where there is no value.
            - CSV (RFC 4180): UTF-8 without a byte-order mark, comma-separated, lines ending
              in CR LF, a header row of column names (the JSON names), then one line per row.
              A field with a comma, a double quote or a line break is in double quotes, with
              double quotes doubled. An empty cell means no value. A list is one cell
              holding a JSON array, e.g. ["lowerBack","hipFront"]; so are the roles, claims,
              logins and passkeys of the account. A table with no rows has only its header.
            - Spreadsheet safety: in the CSV files, text that starts with =, +, -, @, a tab or
              a carriage return starts with an apostrophe ('), so that a spreadsheet shows it
              as text instead of running it as a formula. The JSON files hold the text
              exactly as stored.

            Not exported
            ------------

            Your password is never stored, only a one-way hash of it, and that hash is not
            exported. Nor are the security and concurrency stamps, sign-in tokens (authenticator
            keys, recovery codes) or your passkeys' key material: they are secrets or
            bookkeeping, not data about you. Your passkeys' names, creation times and
            transports are exported.

            """);
        return text.ToString();
    }

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count} rows";

    private sealed record CsvColumn(string Name, PropertyInfo Property);

    /// <summary>Instants in UTC whatever offset they carry, so every file agrees on how a time looks.</summary>
    private sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Instant(value));
    }
}

/// <summary>One day of progress, as csv/progress.csv writes it.</summary>
public sealed record ProgressDayRow(DateOnly Date, int? Pain, double? MeanOf7Days, int? Stiffness, int? MorningStiffnessMinutes, int Sessions)
{
    public static IReadOnlyList<object> Of(Limber.Domain.Progress.ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Pain.Select((p, i) => (object)new ProgressDayRow(
            p.Date, p.Pain, p.MeanOf7Days is { } m ? Math.Round(m, 2) : null, report.Stiffness[i].Stiffness,
            report.Stiffness[i].MorningStiffnessMinutes, report.Adherence.Days[i].Sessions))];
    }
}
