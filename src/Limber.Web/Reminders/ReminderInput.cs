using System.Globalization;
using System.Text.Json;
using Limber.Domain.Reminders;
using Limber.Web.Hosting;
using Limber.Web.Planning;

namespace Limber.Web.Reminders;

/// <summary>
/// Reminder settings as text, from the API's JSON or the page's form, turned into <see cref="ReminderSettings"/> with
/// every problem named by its field. Both read through here, so the page and the API accept and refuse the same.
/// </summary>
public sealed class ReminderInput
{
    public string? TimeZone { get; set; }
    public List<(string? At, string? Kind)> Daily { get; } = [];
    public List<string> Days { get; } = [];
    public bool DeskBreaksOn { get; set; }
    public string? EveryMinutes { get; set; }
    public List<string> WorkDays { get; } = [];
    public string? WorkFrom { get; set; }
    public string? WorkTo { get; set; }
    public List<(string? From, string? To)> QuietTimes { get; } = [];
    public string? PausedOn { get; set; }

    /// <summary>Reminder kinds as the API and the form write them.</summary>
    public static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.Routine => "routine",
        ReminderKind.CheckIn => "checkIn",
        ReminderKind.DeskBreak => "deskBreak",
    };

    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The settings as the form shows them.</summary>
    public static ReminderInput From(ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var input = new ReminderInput { TimeZone = settings.TimeZone.Id, PausedOn = settings.PausedOn is { } p ? RequestValues.Day(p) : null };
        input.Daily.AddRange(settings.Daily.OrderBy(d => d.At).Select(d => ((string?)Time(d.At), (string?)KindName(d.Kind))));
        input.Days.AddRange(Enum.GetValues<DayOfWeek>().Where(settings.Days.Contains).Select(DayName));
        if (settings.DeskBreaks is { } b)
        {
            input.DeskBreaksOn = true;
            input.EveryMinutes = b.EveryMinutes.ToString(CultureInfo.InvariantCulture);
            input.WorkDays.AddRange(Enum.GetValues<DayOfWeek>().Where(b.Days.Contains).Select(DayName));
            input.WorkFrom = Time(b.WorkFrom);
            input.WorkTo = Time(b.WorkTo);
        }
        input.QuietTimes.AddRange(settings.QuietTimes.Select(q => ((string?)Time(q.From), (string?)Time(q.To))));
        return input;
    }

    /// <summary>The page's form: fixed rows of reminder times and quiet times, of which empty rows are ignored.</summary>
    public static ReminderInput From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var input = new ReminderInput { TimeZone = form["timeZone"].ToString().Trim() };
        for (var i = 0; i < ReminderSettings.MostDailyReminders; i++)
        {
            var at = form[$"daily[{i}].at"].ToString().Trim();
            if (at.Length > 0)
            {
                input.Daily.Add((at, form[$"daily[{i}].kind"].ToString()));
            }
        }
        input.Days.AddRange(form["days"].Select(d => d ?? ""));
        input.DeskBreaksOn = form["deskBreaks"].ToString() == "on";
        input.EveryMinutes = form["deskBreaks.everyMinutes"].ToString().Trim();
        input.WorkDays.AddRange(form["deskBreaks.days"].Select(d => d ?? ""));
        input.WorkFrom = form["deskBreaks.workFrom"].ToString().Trim();
        input.WorkTo = form["deskBreaks.workTo"].ToString().Trim();
        for (var i = 0; i < ReminderSettings.MostQuietTimes; i++)
        {
            var from = form[$"quietTimes[{i}].from"].ToString().Trim();
            var to = form[$"quietTimes[{i}].to"].ToString().Trim();
            if (from.Length > 0 || to.Length > 0)
            {
                input.QuietTimes.Add((from, to));
            }
        }
        return input;
    }

    private static readonly string[] Fields = ["timeZone", "daily", "days", "deskBreaks", "quietTimes", "pausedOn"];
    private static readonly string[] DailyFields = ["at", "kind"];
    private static readonly string[] DeskFields = ["everyMinutes", "days", "workFrom", "workTo"];
    private static readonly string[] QuietFields = ["from", "to"];

    /// <summary>The API's JSON body; wrong types are problems under their field, unknown fields are refused by name.</summary>
    public static ReminderInput From(JsonElement root, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var input = new ReminderInput();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in RequestValues.Once(root, Fields, errors, given))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "timeZone": input.TimeZone = StringOf(value, "timeZone", errors); break;
                case "pausedOn": input.PausedOn = value.ValueKind == JsonValueKind.Null ? null : StringOf(value, "pausedOn", errors); break;
                case "days": input.Days.AddRange(Strings(value, "days", errors)); break;
                case "daily":
                    foreach (var (item, i) in Items(value, "daily", errors))
                    {
                        var (at, kind) = ((string?)null, (string?)"routine");
                        foreach (var p in RequestValues.Once(item, DailyFields, errors, [], $"daily[{i}]"))
                        {
                            switch (p.Name)
                            {
                                case "at": at = StringOf(p.Value, $"daily[{i}].at", errors); break;
                                case "kind": kind = StringOf(p.Value, $"daily[{i}].kind", errors); break;
                                default: RefuseUnknown(p, DailyFields, $"daily[{i}]", errors); break;
                            }
                        }
                        input.Daily.Add((at ?? "", kind));
                    }
                    break;
                case "quietTimes":
                    foreach (var (item, i) in Items(value, "quietTimes", errors))
                    {
                        var (from, to) = ((string?)"", (string?)"");
                        foreach (var p in RequestValues.Once(item, QuietFields, errors, [], $"quietTimes[{i}]"))
                        {
                            switch (p.Name)
                            {
                                case "from": from = StringOf(p.Value, $"quietTimes[{i}].from", errors); break;
                                case "to": to = StringOf(p.Value, $"quietTimes[{i}].to", errors); break;
                                default: RefuseUnknown(p, QuietFields, $"quietTimes[{i}]", errors); break;
                            }
                        }
                        input.QuietTimes.Add((from, to));
                    }
                    break;
                case "deskBreaks":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        break;
                    }
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add("deskBreaks", "deskBreaks must be an object with everyMinutes, days, workFrom and workTo, or null for none.");
                        break;
                    }
                    input.DeskBreaksOn = true;
                    foreach (var p in RequestValues.Once(value, DeskFields, errors, [], "deskBreaks"))
                    {
                        switch (p.Name)
                        {
                            case "everyMinutes":
                                input.EveryMinutes = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : StringOf(p.Value, "deskBreaks.everyMinutes", errors);
                                break;
                            case "days": input.WorkDays.AddRange(Strings(p.Value, "deskBreaks.days", errors)); break;
                            case "workFrom": input.WorkFrom = StringOf(p.Value, "deskBreaks.workFrom", errors); break;
                            case "workTo": input.WorkTo = StringOf(p.Value, "deskBreaks.workTo", errors); break;
                            default: RefuseUnknown(p, DeskFields, "deskBreaks", errors); break;
                        }
                    }
                    break;
                default: JsonBody.RefuseUnknown(property, Fields, "reminder settings", errors); break;
            }
        }
        if (!given.Contains("timeZone"))
        {
            errors.Add("timeZone", "timeZone is required: the IANA time zone the times are in, like Europe/Berlin.");
        }
        return input;
    }

    /// <summary>The settings, or null with every problem reported to <paramref name="error"/> under its field.</summary>
    public ReminderSettings? ToSettings(Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var ok = true;
        var failed = new HashSet<string>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            ok = false;
            failed.Add(field);
            error(field, message);
        }

        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            Fail("timeZone", "Enter your time zone, like Europe/Berlin or America/New_York.");
        }
        else if ((zone = FindZone(TimeZone)) is null)
        {
            Fail("timeZone", $"\"{FieldErrors.Clip(TimeZone)}\" is not a time zone Limber knows. Use a name like Europe/Berlin or America/New_York.");
        }

        var daily = new List<DailyReminder>();
        for (var i = 0; i < Daily.Count; i++)
        {
            var at = ParseTime(Daily[i].At, $"daily[{i}].at", "A reminder time", Fail);
            ReminderKind? kind = Daily[i].Kind switch
            {
                "routine" => ReminderKind.Routine,
                "checkIn" => ReminderKind.CheckIn,
                _ => null,
            };
            if (kind is null)
            {
                Fail($"daily[{i}].kind", "A reminder is for your routine (routine) or your check-in (checkIn).");
            }
            if (at is { } t && kind is { } k)
            {
                daily.Add(new DailyReminder(t, k));
            }
        }
        var days = ParseDays(Days, "days", Fail);

        DeskBreaks? breaks = null;
        if (DeskBreaksOn)
        {
            int? every = null;
            if (int.TryParse(EveryMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                every = minutes;
            }
            else
            {
                Fail("deskBreaks.everyMinutes", $"Enter how many minutes between desk breaks, {ReminderSettings.FewestBreakMinutes} to {ReminderSettings.MostBreakMinutes}.");
            }
            var workDays = ParseDays(WorkDays, "deskBreaks.days", Fail);
            var from = ParseTime(WorkFrom, "deskBreaks.workFrom", "When work starts", Fail);
            var to = ParseTime(WorkTo, "deskBreaks.workTo", "When work ends", Fail);
            if (every is { } e && from is { } f && to is { } u)
            {
                breaks = new DeskBreaks(e, workDays, f, u);
            }
        }

        var quiet = new List<QuietTime>();
        for (var i = 0; i < QuietTimes.Count; i++)
        {
            var from = ParseTime(QuietTimes[i].From, $"quietTimes[{i}].from", "A quiet time's start", Fail);
            var to = ParseTime(QuietTimes[i].To, $"quietTimes[{i}].to", "A quiet time's end", Fail);
            if (from is { } f && to is { } t)
            {
                quiet.Add(new QuietTime(f, t));
            }
        }

        DateOnly? pausedOn = null;
        if (!string.IsNullOrEmpty(PausedOn))
        {
            if (RequestValues.TryDay(PausedOn, out var day))
            {
                pausedOn = day;
            }
            else
            {
                Fail("pausedOn", "pausedOn must be one day written YYYY-MM-DD, like 2026-11-24, or null.");
            }
        }

        // The checks across fields run even when a field is wrong, so every problem shows in one answer; only a list with
        // an unreadable row is left out of them (its rows' positions would not match the form's).
        var unreadable = failed.ToList();
        bool Unread(string list) => unreadable.Exists(f => f.StartsWith(list, StringComparison.Ordinal));
        var checkedAs = new ReminderSettings(zone ?? TimeZoneInfo.Utc, daily, days, breaks, quiet, pausedOn);
        foreach (var (field, message) in checkedAs.Problems())
        {
            var list = field.Split('[', '.')[0];
            if (!Unread(list) && !(list == "deskBreaks" && DeskBreaksOn && breaks is null))
            {
                Fail(field, message);
            }
        }
        return zone is not null && ok ? checkedAs : null;
    }

    /// <summary>
    /// The zone with this IANA id, or null. The system also finds files under its zoneinfo folder that are no zone of
    /// the tz database (localtime, posixrules, Factory, Europe//Berlin); the calendar feed takes its rules from the tz
    /// database, so a zone must be one there too.
    /// </summary>
    internal static TimeZoneInfo? FindZone(string? id) =>
        id is { Length: > 0 and <= 64 }
        && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : null;

    private static TimeOnly? ParseTime(string? text, string field, string what, Action<string, string> fail)
    {
        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return new TimeOnly(time.Hour, time.Minute);
        }
        fail(field, string.IsNullOrEmpty(text) ? $"{what} is missing: enter a time like 07:30." : $"{what} must be a time like 07:30 (24-hour).");
        return null;
    }

    private static HashSet<DayOfWeek> ParseDays(List<string> names, string field, Action<string, string> fail)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var name in names)
        {
            if (Enum.GetValues<DayOfWeek>().FirstOrDefault(d => DayName(d) == name) is var day && DayName(day) == name)
            {
                days.Add(day);
            }
            else
            {
                fail(field, $"\"{FieldErrors.Clip(name)}\" is not a day: use monday to sunday.");
            }
        }
        return days;
    }

    /// <summary>
    /// An unknown field inside one of the body's objects, named by its whole path (<c>daily[0].sound</c>, not <c>sound</c>),
    /// as every other problem in it is.
    /// </summary>
    internal static void RefuseUnknown(JsonProperty property, IReadOnlyCollection<string> fields, string path, FieldErrors errors)
    {
        var name = FieldErrors.Clip(property.Name);
        errors.Add($"{path}.{name}", $"'{name}' is not a field of {path}; use {string.Join(", ", fields)}.");
    }

    private static string? StringOf(JsonElement value, string field, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        errors.Add(field, $"{field} must be text.");
        return null;
    }

    private static List<string> Strings(JsonElement value, string field, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"{field} must be a list of days, like [\"monday\", \"friday\"].");
            return [];
        }
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else
            {
                errors.Add(field, $"{field} must be a list of days, like [\"monday\", \"friday\"].");
            }
        }
        return list;
    }

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement value, string field, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"{field} must be a list.");
            yield break;
        }
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return (item, i);
            }
            else
            {
                errors.Add($"{field}[{i}]", $"{field}[{i}] must be an object.");
            }
            i++;
        }
    }
}
