using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Reminders;
using Limber.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Web.Tests.Reminders;

/// <summary>
/// Reminders over real HTTP with a bearer token: settings in the person's own zone, pause for today, the calendar feed's
/// secret address, and the browsers with notifications on. Every bad input is a 400 naming its field and leaves what
/// was stored as it was. Push delivery itself is in <see cref="PushDeviceApiTests"/>, on a server that may post to
/// a local push service.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class ReminderApiTests(AccountServer server)
{
    internal const string Reminders = "/api/v1/me/reminders";
    internal const string Pause = "/api/v1/me/reminders/pause";
    internal const string Calendar = "/api/v1/me/reminders/calendar";
    internal const string Devices = "/api/v1/me/push/devices";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>
    /// A check-in at 18:00 and a routine at 07:30 (given out of order: the API answers them by time) Monday to Saturday,
    /// and a check-in at 23:00 that never comes, being inside the night's quiet time from 22:00 to 07:00 (it runs past
    /// midnight). Desk breaks hourly 09:00 to 17:00 on Monday, Wednesday and Friday, so at 10, 11, 13, 14, 15 and 16:
    /// 12:00 is in the lunch quiet time.
    /// </summary>
    internal static JsonObject Full() => new()
    {
        ["timeZone"] = "Europe/Berlin",
        ["daily"] = new JsonArray(
            new JsonObject { ["at"] = "18:00", ["kind"] = "checkIn" },
            new JsonObject { ["at"] = "07:30", ["kind"] = "routine" },
            new JsonObject { ["at"] = "23:00", ["kind"] = "checkIn" }),
        ["days"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday", "saturday"),
        ["deskBreaks"] = new JsonObject
        {
            ["everyMinutes"] = 60,
            ["days"] = new JsonArray("monday", "wednesday", "friday"),
            ["workFrom"] = "09:00",
            ["workTo"] = "17:00",
        },
        ["quietTimes"] = new JsonArray(
            new JsonObject { ["from"] = "22:00", ["to"] = "07:00" },
            new JsonObject { ["from"] = "12:00", ["to"] = "13:00" }),
        ["pausedOn"] = null,
    };

    /// <summary><see cref="Full"/> as the domain has it, written out independently of the API's parsing.</summary>
    internal static ReminderSettings FullSettings(DateOnly? pausedOn = null) => new(
        Berlin,
        [
            new DailyReminder(new TimeOnly(7, 30), ReminderKind.Routine),
            new DailyReminder(new TimeOnly(18, 0), ReminderKind.CheckIn),
            new DailyReminder(new TimeOnly(23, 0), ReminderKind.CheckIn),
        ],
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday },
        new DeskBreaks(60, new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday }, new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [new QuietTime(new TimeOnly(22, 0), new TimeOnly(7, 0)), new QuietTime(new TimeOnly(12, 0), new TimeOnly(13, 0))],
        pausedOn);

    /// <summary>The kind each local time of <see cref="Full"/> may come as; 23:00 and 12:00 are quiet.</summary>
    private static readonly Dictionary<string, string> FullTimes = new(StringComparer.Ordinal)
    {
        ["07:30"] = "routine",
        ["18:00"] = "checkIn",
        ["10:00"] = "deskBreak",
        ["11:00"] = "deskBreak",
        ["13:00"] = "deskBreak",
        ["14:00"] = "deskBreak",
        ["15:00"] = "deskBreak",
        ["16:00"] = "deskBreak",
    };

    internal static Task<ApiAnswer> PutAsync(TestPerson person, JsonNode body) => person.SendAsync(HttpMethod.Put, Reminders, body);

    internal static async Task<ApiAnswer> PutRawAsync(TestPerson person, string body, string mediaType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        return await AccountApi.SendAsync(person.Http, HttpMethod.Put, Reminders, content);
    }

    internal static async Task<JsonElement> ReadAsync(TestPerson person)
    {
        var answer = await person.GetAsync(Reminders);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return answer.Json;
    }

    /// <summary>A value not given: answers leave nulls out.</summary>
    internal static bool Absent(JsonElement json, string field) =>
        !json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>GETs a feed's absolute address (on this server) with <paramref name="http"/>.</summary>
    internal static Task<ApiAnswer> FeedAsync(HttpClient http, string url) => AccountApi.GetAsync(http, new Uri(url).PathAndQuery);

    private static DateOnly TodayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Strings(JsonElement list) => string.Join(",", list.EnumerateArray().Select(e => e.GetString()));

    private sealed record Upcoming(string Kind, DateTimeOffset DueAt, string LocalDate, string LocalTime);

    private static List<Upcoming> UpcomingOf(JsonElement reminders) =>
    [
        .. reminders.GetProperty("next").EnumerateArray().Select(n => new Upcoming(
            n.GetProperty("kind").GetString()!, n.GetProperty("dueAt").GetDateTimeOffset(),
            n.GetProperty("localDate").GetString()!, n.GetProperty("localTime").GetString()!)),
    ];

    private static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.Routine => "routine",
        ReminderKind.CheckIn => "checkIn",
        ReminderKind.DeskBreak => "deskBreak",
    };

    /// <summary>
    /// The answer's <c>next</c> is the next five reminders of <paramref name="settings"/> as the server's clock saw them,
    /// which read somewhere between <paramref name="before"/> and <paramref name="after"/>: the reminders from
    /// <paramref name="before"/> on, less any that fell due while the request was under way.
    /// </summary>
    private static void ShouldBeTheNext(JsonElement reminders, ReminderSettings settings, DateTimeOffset before, DateTimeOffset after)
    {
        var answer = UpcomingOf(reminders);
        answer.Count.ShouldBe(5);
        var expected = ReminderTimes.Next(settings, before, 20)
            .Select(o => new Upcoming(KindName(o.Kind), o.DueAt, Day(o.LocalDate), o.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture)))
            .ToList();
        var passed = expected.TakeWhile(e => e.DueAt < answer[0].DueAt).ToList();
        passed.ShouldAllBe(p => p.DueAt < after, "only reminders due during the request may be left out at the start");
        answer.ShouldBe(expected.Skip(passed.Count).Take(5).ToList());

        // The same, said plainly: in order, each at its local time in Berlin, each time the kind it was set as.
        answer.Select(a => a.DueAt).ShouldBeInOrder();
        foreach (var a in answer)
        {
            var local = TimeZoneInfo.ConvertTime(a.DueAt, Berlin);
            (local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture))
                .ShouldBe((a.LocalDate, a.LocalTime));
            FullTimes.ShouldContainKey(a.LocalTime, $"{a.LocalTime} is not a reminder time, or is quiet");
            a.Kind.ShouldBe(FullTimes[a.LocalTime]);
            if (a.Kind == "deskBreak")
            {
                local.DayOfWeek.ShouldBeOneOf(DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday);
            }
            else
            {
                local.DayOfWeek.ShouldNotBe(DayOfWeek.Sunday);
            }
        }
    }

    [Fact]
    public async Task Before_anything_is_chosen_the_settings_are_empty_in_UTC_and_nothing_is_coming()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-none");

        var json = await ReadAsync(person);

        var settings = json.GetProperty("settings");
        settings.GetProperty("timeZone").GetString().ShouldBe("UTC");
        settings.GetProperty("daily").GetArrayLength().ShouldBe(0);
        // No days chosen yet means every day: a first reminder time needs only a time.
        Strings(settings.GetProperty("days")).ShouldBe("sunday,monday,tuesday,wednesday,thursday,friday,saturday");
        Absent(settings, "deskBreaks").ShouldBeTrue();
        settings.GetProperty("quietTimes").GetArrayLength().ShouldBe(0);
        Absent(settings, "pausedOn").ShouldBeTrue();
        json.GetProperty("next").GetArrayLength().ShouldBe(0);
        Absent(json, "calendar").ShouldBeTrue();
        json.GetProperty("devices").GetArrayLength().ShouldBe(0);
        json.GetProperty("recent").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Before_anything_is_chosen_the_settings_are_in_the_time_zone_of_the_onboarding_profile()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "reminders-profile-zone");
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", Planning.ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);

        var json = await ReadAsync(person);

        // ProfileApiTests.Body() answers Europe/London.
        json.GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe("Europe/London");
        json.GetProperty("next").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_field_and_problems_between_fields_come_back_in_one_answer()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-one-round");
        var body = Full();
        body["timeZone"] = "Mars/Olympus_Mons";
        body["daily"]![2]!["at"] = "07:30"; // a time already taken
        body["deskBreaks"]!["workTo"] = "08:00"; // before work starts

        var answer = await PutAsync(person, body);

        // All three at once, so a person fixes them in one go rather than meeting new ones on the next save.
        answer.ShouldNameField("timeZone");
        answer.ShouldNameField("daily[2].at");
        answer.ShouldNameField("deskBreaks.workTo");
    }

    [Theory]
    [InlineData("localtime")] // the server's own zone: a file the system finds, but no zone of the tz database
    [InlineData("Europe//Berlin")] // a path to Berlin's file, but not its name
    public async Task A_profile_zone_the_tz_database_does_not_know_leaves_the_reminders_in_UTC_and_the_feed_working(string zone)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "reminders-odd-profile-zone");
        var profile = Planning.ProfileApiTests.Body();
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", profile)).Status.ShouldBe(HttpStatusCode.Created);
        // The profile API refuses such zones now; a profile stored before it did may still hold one.
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Limber.Storage.LimberDbContext>();
            await db.Profiles.Where(p => p.PersonId == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TimeZoneId, zone));
        }

        (await ReadAsync(person)).GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe("UTC");
        var made = await person.PostAsync(Calendar, "");
        made.Status.ShouldBe(HttpStatusCode.Created, made.ToString());
        (await FeedAsync(person.Anonymous, made.Json.GetProperty("url").GetString()!)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("UTC")] // what GET gives before anything is chosen
    [InlineData("Etc/GMT-14")] // the furthest ahead of UTC, and its sign is the other way round
    [InlineData("Asia/Kathmandu")] // 5:45 ahead of UTC: not a whole hour
    [InlineData("Australia/Lord_Howe")] // its clocks change by half an hour
    public async Task Any_zone_of_the_tz_database_is_taken_and_its_feed_is_served(string zone)
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-zones");
        var body = Full();
        body["timeZone"] = zone;

        var saved = await PutAsync(person, body);

        saved.Status.ShouldBe(HttpStatusCode.OK, saved.ToString());
        saved.Json.GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe(zone);
        var made = await person.PostAsync(Calendar, "");
        var feed = await FeedAsync(person.Anonymous, made.Json.GetProperty("url").GetString()!);
        feed.Status.ShouldBe(HttpStatusCode.OK, feed.ToString());
        ReadFeed(feed.Text).Events.Count.ShouldBe(8);
    }

    [Fact]
    public async Task Saved_settings_read_back_the_same_and_the_next_reminders_follow_them_in_local_time()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-full");

        var before = DateTimeOffset.UtcNow;
        var saved = await PutAsync(person, Full());
        var after = DateTimeOffset.UtcNow;

        saved.Status.ShouldBe(HttpStatusCode.OK, saved.ToString());
        var settings = saved.Json.GetProperty("settings");
        settings.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        settings.GetProperty("daily").EnumerateArray().Select(d => (d.GetProperty("at").GetString(), d.GetProperty("kind").GetString()))
            .ShouldBe([("07:30", "routine"), ("18:00", "checkIn"), ("23:00", "checkIn")]);
        settings.GetProperty("days").EnumerateArray().Select(d => d.GetString())
            .ShouldBe(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"], ignoreOrder: true);
        var breaks = settings.GetProperty("deskBreaks");
        breaks.GetProperty("everyMinutes").GetInt32().ShouldBe(60);
        breaks.GetProperty("days").EnumerateArray().Select(d => d.GetString()).ShouldBe(["monday", "wednesday", "friday"], ignoreOrder: true);
        (breaks.GetProperty("workFrom").GetString(), breaks.GetProperty("workTo").GetString()).ShouldBe(("09:00", "17:00"));
        settings.GetProperty("quietTimes").EnumerateArray().Select(q => (q.GetProperty("from").GetString(), q.GetProperty("to").GetString()))
            .ShouldBe([("22:00", "07:00"), ("12:00", "13:00")]);
        Absent(settings, "pausedOn").ShouldBeTrue();
        ShouldBeTheNext(saved.Json, FullSettings(), before, after);

        var read = await ReadAsync(person);
        read.GetProperty("settings").GetRawText().ShouldBe(settings.GetRawText());

        // What GET gives, PUT takes back as it is.
        var again = await PutAsync(person, JsonNode.Parse(settings.GetRawText())!);
        again.Status.ShouldBe(HttpStatusCode.OK, again.ToString());
        again.Json.GetProperty("settings").GetRawText().ShouldBe(settings.GetRawText());
    }

    [Fact]
    public async Task A_daily_reminder_without_a_kind_is_for_the_routine_and_a_short_time_is_read()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-minimal");

        var saved = await PutAsync(person, new JsonObject
        {
            ["timeZone"] = "Asia/Kolkata",
            ["daily"] = new JsonArray(new JsonObject { ["at"] = "7:05" }),
            ["days"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        });

        saved.Status.ShouldBe(HttpStatusCode.OK, saved.ToString());
        var settings = saved.Json.GetProperty("settings");
        // "7:05" is read as 07:05 and written back with two digits.
        settings.GetProperty("daily")[0].GetProperty("at").GetString().ShouldBe("07:05");
        settings.GetProperty("daily")[0].GetProperty("kind").GetString().ShouldBe("routine");
        var next = UpcomingOf(saved.Json);
        next.Count.ShouldBe(5);
        next.ShouldAllBe(n => n.LocalTime == "07:05" && n.Kind == "routine");
        // Kolkata is 5:30 ahead of UTC all year.
        next.ShouldAllBe(n => n.DueAt.UtcDateTime.TimeOfDay == new TimeSpan(1, 35, 0));
    }

    /// <summary>One bad PUT: the body, and the field its 400 must name.</summary>
    private sealed record BadInput(string Name, string Body, string Field);

    private static BadInput Bad(string name, string field, Action<JsonObject> change)
    {
        var body = Full();
        change(body);
        return new BadInput(name, body.ToJsonString(), field);
    }

    private static JsonObject Daily(JsonObject body, int i) => body["daily"]![i]!.AsObject();

    private static JsonObject Breaks(JsonObject body) => body["deskBreaks"]!.AsObject();

    private static IEnumerable<BadInput> BadInputs() =>
    [
        Bad("no time zone", "timeZone", b => b.Remove("timeZone")),
        Bad("an empty time zone", "timeZone", b => b["timeZone"] = ""),
        Bad("an unknown time zone", "timeZone", b => b["timeZone"] = "Mars/Olympus_Mons"),
        // A zone id is a file name under /usr/share/zoneinfo on Linux: a path must not reach the file system.
        Bad("a time zone that is a path", "timeZone", b => b["timeZone"] = "../../../../etc/passwd"),
        Bad("a time zone that is not text", "timeZone", b => b["timeZone"] = 1),
        // Files the system finds under its zoneinfo folder that are no zone of the tz database: the calendar feed,
        // which takes its zone rules from the tz database, answered 500 for each.
        Bad("the server's own zone file", "timeZone", b => b["timeZone"] = "localtime"),
        Bad("the zone rules template", "timeZone", b => b["timeZone"] = "posixrules"),
        Bad("the factory zone", "timeZone", b => b["timeZone"] = "Factory"),
        Bad("a zone with a doubled slash", "timeZone", b => b["timeZone"] = "Europe//Berlin"),
        Bad("a zone in the wrong letter case", "timeZone", b => b["timeZone"] = "europe/berlin"),
        Bad("a time of day that does not exist", "daily[1].at", b => Daily(b, 1)["at"] = "25:00"),
        Bad("a time with seconds out of range", "daily[0].at", b => Daily(b, 0)["at"] = "07:30:99"),
        Bad("a time with am/pm", "daily[2].at", b => Daily(b, 2)["at"] = "7:30 pm"),
        Bad("a daily reminder without a time", "daily[0].at", b => Daily(b, 0).Remove("at")),
        Bad("a time that is a number", "daily[1].at", b => Daily(b, 1)["at"] = 730),
        Bad("an unknown kind", "daily[0].kind", b => Daily(b, 0)["kind"] = "nap"),
        // Desk breaks come from working hours, never from a daily time.
        Bad("a daily desk break", "daily[1].kind", b => Daily(b, 1)["kind"] = "deskBreak"),
        Bad("an unknown day", "days", b => b["days"] = new JsonArray("monday", "funday")),
        Bad("a day that is not text", "days", b => b["days"] = new JsonArray("monday", 2)),
        Bad("no days for the daily reminders", "days", b => b["days"] = new JsonArray()),
        // Left out is none, not every day (though GET shows every day before anything is chosen).
        Bad("days left out", "days", b => b.Remove("days")),
        Bad("an unknown working day", "deskBreaks.days", b => Breaks(b)["days"] = new JsonArray("weekdays")),
        Bad("no working days", "deskBreaks.days", b => Breaks(b)["days"] = new JsonArray()),
        Bad("a desk break every 5 minutes", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = 5),
        Bad("a desk break every 14 minutes", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = 14), // one below the fewest, 15
        Bad("a desk break every 241 minutes", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = 241), // one above the most, 240
        Bad("a desk break every 500 minutes", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = 500),
        Bad("a fraction of a minute", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = 45.5),
        Bad("a negative interval", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = -60),
        Bad("an interval past int", "deskBreaks.everyMinutes", b => Breaks(b)["everyMinutes"] = 99999999999),
        Bad("no interval", "deskBreaks.everyMinutes", b => Breaks(b).Remove("everyMinutes")),
        Bad("working hours shorter than one interval", "deskBreaks.everyMinutes", b =>
        {
            Breaks(b)["everyMinutes"] = 240;
            Breaks(b)["workTo"] = "10:00";
        }),
        Bad("work ending before it starts", "deskBreaks.workTo", b =>
        {
            Breaks(b)["workFrom"] = "17:00";
            Breaks(b)["workTo"] = "09:00";
        }),
        Bad("work ending when it starts", "deskBreaks.workTo", b => Breaks(b)["workTo"] = "09:00"),
        Bad("no start of work", "deskBreaks.workFrom", b => Breaks(b).Remove("workFrom")),
        Bad("a quiet time ending when it starts", "quietTimes[0].to", b => b["quietTimes"]![0]!["to"] = "22:00"),
        Bad("a quiet time without an end", "quietTimes[1].to", b => b["quietTimes"]![1]!.AsObject().Remove("to")),
        Bad("a bad quiet time start", "quietTimes[1].from", b => b["quietTimes"]![1]!["from"] = "noon"),
        Bad("five quiet times", "quietTimes", b => b["quietTimes"] = new JsonArray(
            [.. new[] { "01", "03", "05", "09", "11" }.Select(h => (JsonNode)new JsonObject { ["from"] = $"{h}:00", ["to"] = $"{h}:30" })])),
        Bad("the same time twice", "daily[2].at", b => Daily(b, 2)["at"] = "07:30"),
        // 7:30 is 07:30 written short: still the same time.
        Bad("the same time written two ways", "daily[2].at", b => Daily(b, 2)["at"] = "7:30"),
        Bad("seven daily reminders", "daily", b => b["daily"] = new JsonArray(
            [.. new[] { "06", "08", "09", "10", "11", "14", "19" }.Select(h => (JsonNode)new JsonObject { ["at"] = $"{h}:00" })])),
        Bad("an unknown field", "snooze", b => b["snooze"] = true),
        Bad("an unknown field in a daily reminder", "daily[0].sound", b => Daily(b, 0)["sound"] = "bell"),
        Bad("an unknown field in the desk breaks", "deskBreaks.lunch", b => Breaks(b)["lunch"] = "12:00"),
        Bad("an unknown field in a quiet time", "quietTimes[0].days", b => b["quietTimes"]![0]!["days"] = new JsonArray("sunday")),
        Bad("daily that is not a list", "daily", b => b["daily"] = "07:30"),
        Bad("a daily reminder that is not an object", "daily[0]", b => b["daily"] = new JsonArray("07:30")),
        Bad("days that are not a list", "days", b => b["days"] = "monday"),
        Bad("desk breaks that are text", "deskBreaks", b => b["deskBreaks"] = "every hour"),
        Bad("desk breaks that are a list", "deskBreaks", b => b["deskBreaks"] = new JsonArray()),
        Bad("quiet times that are an object", "quietTimes", b => b["quietTimes"] = new JsonObject { ["from"] = "22:00", ["to"] = "07:00" }),
        Bad("a paused day that is not a date", "pausedOn", b => b["pausedOn"] = "tomorrow"),
        Bad("a paused day that is a number", "pausedOn", b => b["pausedOn"] = 20261124),
        new("the time zone twice", """{"timeZone":"UTC","timeZone":"Europe/Berlin"}""", "timeZone"),
        // A lone surrogate is valid JSON but no .NET string can hold it as text.
        new("a time zone with a broken escape", """{"timeZone":"Europe/\ud800"}""", "timeZone"),
        new("malformed JSON", """{"timeZone":"Europe/Berlin",""", "body"),
        new("a list instead of an object", """[{"timeZone":"Europe/Berlin"}]""", "body"),
        new("a bare string", "\"Europe/Berlin\"", "body"),
        new("an empty object", "{}", "timeZone"),
    ];

    [Fact]
    public async Task Every_kind_of_bad_input_is_a_400_naming_the_field_and_leaves_the_stored_settings_as_they_were()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-bad");
        (await PutAsync(person, Full())).Status.ShouldBe(HttpStatusCode.OK);
        var stored = (await ReadAsync(person)).GetProperty("settings").GetRawText();

        foreach (var bad in BadInputs())
        {
            var answer = await PutRawAsync(person, bad.Body);
            try
            {
                answer.ShouldNameField(bad.Field);
            }
            catch (ShouldAssertException e)
            {
                throw new ShouldAssertException($"{bad.Name}: {e.Message}", e);
            }
            (await ReadAsync(person)).GetProperty("settings").GetRawText().ShouldBe(stored, $"{bad.Name} changed the stored settings");
        }
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_415_and_a_huge_one_a_413()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-not-json");

        (await PutRawAsync(person, "timeZone=Europe/Berlin", "application/x-www-form-urlencoded")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        // 70 KB: over the 64 KB any JSON body may be.
        var huge = new JsonObject { ["timeZone"] = "Europe/Berlin", ["padding"] = new string('x', 70 * 1024) };
        (await PutAsync(person, huge)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await ReadAsync(person)).GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe("UTC", "nothing was saved");
    }

    [Fact]
    public async Task A_pause_is_for_the_rest_of_the_persons_today_in_their_zone_and_can_be_lifted()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-pause");
        (await PutAsync(person, Full())).Status.ShouldBe(HttpStatusCode.OK);

        var before = DateTimeOffset.UtcNow;
        var todayBefore = TodayIn(Berlin);
        var paused = await person.PostAsync(Pause, "");
        var todayAfter = TodayIn(Berlin);
        var after = DateTimeOffset.UtcNow;

        paused.Status.ShouldBe(HttpStatusCode.OK, paused.ToString());
        var pausedOn = paused.Json.GetProperty("settings").GetProperty("pausedOn").GetString()!;
        // Berlin's date, read on each side of the request in case Berlin's midnight fell in between.
        pausedOn.ShouldBeOneOf(Day(todayBefore), Day(todayAfter));
        var day = DateOnly.ParseExact(pausedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        UpcomingOf(paused.Json).ShouldAllBe(n => string.CompareOrdinal(n.LocalDate, pausedOn) > 0, "nothing more today");
        ShouldBeTheNext(paused.Json, FullSettings(day), before, after);
        (await ReadAsync(person)).GetProperty("settings").GetProperty("pausedOn").GetString().ShouldBe(pausedOn);

        // Pausing again the same day changes nothing.
        (await person.PostAsync(Pause, "")).Json.GetProperty("settings").GetProperty("pausedOn").GetString().ShouldBeOneOf(pausedOn, Day(TodayIn(Berlin)));

        var resumed = await person.DeleteAsync(Pause);
        resumed.Status.ShouldBe(HttpStatusCode.OK, resumed.ToString());
        Absent(resumed.Json.GetProperty("settings"), "pausedOn").ShouldBeTrue();
        var read = await ReadAsync(person);
        Absent(read.GetProperty("settings"), "pausedOn").ShouldBeTrue();
        // The rest of the settings are as they were.
        var settings = read.GetProperty("settings");
        settings.GetProperty("daily").GetArrayLength().ShouldBe(3);
        settings.GetProperty("deskBreaks").GetProperty("everyMinutes").GetInt32().ShouldBe(60);

        // Lifting a pause that is not there is no error.
        (await person.DeleteAsync(Pause)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_PUT_replaces_the_pause_too_so_pausedOn_null_lifts_it_and_sending_back_what_GET_gave_keeps_it()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-pause-put");
        (await PutAsync(person, Full())).Status.ShouldBe(HttpStatusCode.OK);
        var paused = (await person.PostAsync(Pause, "")).Json.GetProperty("settings");
        var pausedOn = paused.GetProperty("pausedOn").GetString();
        pausedOn.ShouldNotBeNull();

        // Sending back the settings as read keeps the pause.
        var kept = await PutAsync(person, JsonNode.Parse(paused.GetRawText())!);
        kept.Status.ShouldBe(HttpStatusCode.OK, kept.ToString());
        kept.Json.GetProperty("settings").GetProperty("pausedOn").GetString().ShouldBe(pausedOn);

        // PUT is the whole of the settings: pausedOn null (or left out) means not paused. The page differs on purpose:
        // its form has no pause field, so saving it keeps the pause (ReminderPageTests).
        var lifted = await PutAsync(person, Full());
        lifted.Status.ShouldBe(HttpStatusCode.OK, lifted.ToString());
        Absent(lifted.Json.GetProperty("settings"), "pausedOn").ShouldBeTrue();

        var body = Full();
        body.Remove("pausedOn");
        (await person.PostAsync(Pause, "")).Status.ShouldBe(HttpStatusCode.OK);
        Absent((await PutAsync(person, body)).Json.GetProperty("settings"), "pausedOn").ShouldBeTrue();
    }

    [Fact]
    public async Task A_pause_before_any_settings_is_kept_in_the_default_zone()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-pause-first");

        var paused = await person.PostAsync(Pause, "");

        paused.Status.ShouldBe(HttpStatusCode.OK, paused.ToString());
        var settings = paused.Json.GetProperty("settings");
        settings.GetProperty("timeZone").GetString().ShouldBe("UTC");
        settings.GetProperty("pausedOn").GetString().ShouldNotBeNull();
        settings.GetProperty("daily").GetArrayLength().ShouldBe(0);
    }

    private static Ical.Net.Calendar ReadFeed(string text) =>
        Ical.Net.Calendar.Load(text) ?? throw new InvalidOperationException("No calendar in the feed.");

    /// <summary>Each event's time and kind, from its UID (kind-HHmm-feedId@limber).</summary>
    private static List<string> Series(Ical.Net.Calendar calendar) =>
        [.. calendar.Events.Select(e => string.Join('-', e.Uid!.Split('-')[..2])).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task The_calendar_address_serves_the_persons_feed_without_a_sign_in_until_renewed_or_turned_off()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-calendar");
        (await PutAsync(person, Full())).Status.ShouldBe(HttpStatusCode.OK);

        var made = await person.PostAsync(Calendar, "");

        made.Status.ShouldBe(HttpStatusCode.Created, made.ToString());
        var url = made.Json.GetProperty("url").GetString()!;
        made.Headers.Location!.ToString().ShouldBe(url);
        url.ShouldStartWith(server.Url("/calendar/"));
        url.ShouldEndWith(".ics");
        var feed = await FeedAsync(person.Anonymous, url);
        feed.Status.ShouldBe(HttpStatusCode.OK, feed.ToString());
        feed.MediaType.ShouldBe("text/calendar");
        feed.Headers.CacheControl!.Private.ShouldBeTrue("the feed is one person's");
        feed.Headers.CacheControl.Public.ShouldBeFalse();
        var calendar = ReadFeed(feed.Text);
        Series(calendar).ShouldBe(
        [
            "checkin-1800", "deskbreak-1000", "deskbreak-1100", "deskbreak-1300", "deskbreak-1400", "deskbreak-1500", "deskbreak-1600",
            "routine-0730",
        ]);
        calendar.Properties["X-WR-TIMEZONE"].ShouldNotBeNull().Value.ShouldBe("Europe/Berlin");
        var read = await ReadAsync(person);
        read.GetProperty("calendar").GetProperty("url").GetString().ShouldBe(url);
        Absent(read.GetProperty("calendar"), "fetchedAt").ShouldBeFalse("a calendar has read it");

        // A new address stops the old one.
        var renewed = await person.PostAsync(Calendar, "");
        renewed.Status.ShouldBe(HttpStatusCode.Created);
        var newUrl = renewed.Json.GetProperty("url").GetString()!;
        newUrl.ShouldNotBe(url);
        (await FeedAsync(person.Anonymous, url)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await FeedAsync(person.Anonymous, newUrl)).Status.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync(person)).GetProperty("calendar").GetProperty("url").GetString().ShouldBe(newUrl);

        // Turned off: the address is gone, and turning it off again finds nothing.
        (await person.DeleteAsync(Calendar)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await FeedAsync(person.Anonymous, newUrl)).ShouldBeProblem(HttpStatusCode.NotFound);
        Absent(await ReadAsync(person), "calendar").ShouldBeTrue();
        (await person.DeleteAsync(Calendar)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_feed_follows_the_latest_settings_and_a_pause_becomes_an_exception_date()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-calendar-follow");
        var early = Full();
        early["daily"] = new JsonArray(new JsonObject { ["at"] = "08:00" });
        early.Remove("deskBreaks");
        (await PutAsync(person, early)).Status.ShouldBe(HttpStatusCode.OK);
        var url = (await person.PostAsync(Calendar, "")).Json.GetProperty("url").GetString()!;
        Series(ReadFeed((await FeedAsync(person.Anonymous, url)).Text)).ShouldBe(["routine-0800"]);

        (await PutAsync(person, Full())).Status.ShouldBe(HttpStatusCode.OK);
        var pausedOn = (await person.PostAsync(Pause, "")).Json.GetProperty("settings").GetProperty("pausedOn").GetString()!;

        var calendar = ReadFeed((await FeedAsync(person.Anonymous, url)).Text);
        Series(calendar).ShouldContain("routine-0730");
        Series(calendar).ShouldNotContain("routine-0800");
        var day = DateOnly.ParseExact(pausedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (day.DayOfWeek != DayOfWeek.Sunday)
        {
            // The 07:30 routine is on every day but Sunday, so a pause on any other day is one of its dates.
            calendar.Events.Single(e => e.Uid!.StartsWith("routine-0730-", StringComparison.Ordinal))
                .ExceptionDates.GetAllDates().Select(d => d.Date).ShouldBe([day]);
        }
    }

    [Fact]
    public async Task A_calendar_address_that_was_never_made_is_404()
    {
        using var http = server.CreateHttpClient();
        var random = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        foreach (var path in new[]
        {
            $"/calendar/{random}.ics",
            "/calendar/garbage.ics",
            "/calendar/.ics",
            $"/calendar/{random}", // the secret without .ics
            $"/calendar/{new string('a', 5000)}.ics", // longer than any secret
            "/calendar/%E2%80%AE.ics", // a right-to-left override
            "/calendar/..%2F..%2Fetc%2Fpasswd.ics",
        })
        {
            (await AccountApi.GetAsync(http, path)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_calendar_before_any_settings_is_an_empty_calendar()
    {
        using var person = await TestPerson.CreateAsync(server, who: "reminders-calendar-empty");

        var made = await person.PostAsync(Calendar, "");

        made.Status.ShouldBe(HttpStatusCode.Created, made.ToString());
        var feed = await FeedAsync(person.Anonymous, made.Json.GetProperty("url").GetString()!);
        feed.Status.ShouldBe(HttpStatusCode.OK);
        ReadFeed(feed.Text).Events.Count.ShouldBe(0);
        (await ReadAsync(person)).GetProperty("settings").GetProperty("timeZone").GetString().ShouldBe("UTC");
    }

    /// <summary>A push subscription as PushSubscription.toJSON() gives it, with a name.</summary>
    internal static JsonObject Subscription(string endpoint, byte[]? p256dh = null, byte[]? auth = null, string? label = "Phone")
    {
        var body = new JsonObject
        {
            ["endpoint"] = endpoint,
            ["expirationTime"] = null,
            ["keys"] = new JsonObject
            {
                ["p256dh"] = Base64Url.EncodeToString(p256dh ?? BrowserKey()),
                ["auth"] = Base64Url.EncodeToString(auth ?? RandomNumberGenerator.GetBytes(16)),
            },
        };
        if (label is not null)
        {
            body["label"] = label;
        }
        return body;
    }

    /// <summary>A browser's P-256 public key, uncompressed: 0x04, X, Y.</summary>
    internal static byte[] BrowserKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>An endpoint at Chrome's push service, which the server allows but these tests never send to.</summary>
    internal static string FcmEndpoint() => $"https://fcm.googleapis.com/fcm/send/{Guid.NewGuid():N}";

    private sealed record BadDevice(string Name, JsonObject Body, string Field);

    private static BadDevice BadSubscription(string name, string field, Action<JsonObject> change)
    {
        var body = Subscription(FcmEndpoint());
        change(body);
        return new BadDevice(name, body, field);
    }

    private static IEnumerable<BadDevice> BadDevices() =>
    [
        BadSubscription("no endpoint", "endpoint", b => b.Remove("endpoint")),
        BadSubscription("an empty endpoint", "endpoint", b => b["endpoint"] = ""),
        BadSubscription("an endpoint that is a number", "endpoint", b => b["endpoint"] = 42),
        BadSubscription("a relative endpoint", "endpoint", b => b["endpoint"] = "/fcm/send/abc"),
        BadSubscription("the cloud metadata address", "endpoint", b => b["endpoint"] = "https://169.254.169.254/latest/meta-data"),
        BadSubscription("a host that is no push service", "endpoint", b => b["endpoint"] = "http://example.org/x"),
        BadSubscription("a push service host with a user and password", "endpoint", b => b["endpoint"] = "https://user:pw@fcm.googleapis.com/x"),
        // The URL's host is 169.254.169.254; fcm.googleapis.com is only its user name.
        BadSubscription("a push service host as the user name", "endpoint", b => b["endpoint"] = "https://fcm.googleapis.com@169.254.169.254/x"),
        BadSubscription("a push service as the start of another host", "endpoint", b => b["endpoint"] = "https://fcm.googleapis.com.evil.example/x"),
        BadSubscription("a host ending like a push service", "endpoint", b => b["endpoint"] = "https://evilfcm.googleapis.com/x"),
        BadSubscription("a push service over http", "endpoint", b => b["endpoint"] = "http://fcm.googleapis.com/fcm/send/abc"),
        BadSubscription("a push service over ftp", "endpoint", b => b["endpoint"] = "ftp://fcm.googleapis.com/fcm/send/abc"),
        // Loopback is allowed only on a server told so (Limber:Push:AllowedHosts); this one is not.
        BadSubscription("loopback", "endpoint", b => b["endpoint"] = "http://127.0.0.1:9/push"),
        BadSubscription("localhost", "endpoint", b => b["endpoint"] = "https://localhost/push"),
        BadSubscription("an endpoint of 1001 characters", "endpoint", b => b["endpoint"] = "https://fcm.googleapis.com/" + new string('a', 1001 - 27)),
        BadSubscription("a p256dh key of 64 bytes", "keys.p256dh", b => b["keys"]!["p256dh"] = Base64Url.EncodeToString(BrowserKey().AsSpan(0, 64))),
        BadSubscription("a p256dh key of 66 bytes", "keys.p256dh", b => b["keys"]!["p256dh"] = Base64Url.EncodeToString([.. BrowserKey(), 0])),
        // 0x02 starts a compressed point, which the Web Push encryption cannot use.
        BadSubscription("a p256dh key not starting 0x04", "keys.p256dh", b => b["keys"]!["p256dh"] = Base64Url.EncodeToString([0x02, .. BrowserKey()[1..]])),
        BadSubscription("a p256dh key that is not base64url", "keys.p256dh", b => b["keys"]!["p256dh"] = "not base64 at all!"),
        BadSubscription("no p256dh key", "keys.p256dh", b => b["keys"]!.AsObject().Remove("p256dh")),
        BadSubscription("an auth secret of 15 bytes", "keys.auth", b => b["keys"]!["auth"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15))),
        BadSubscription("an auth secret of 17 bytes", "keys.auth", b => b["keys"]!["auth"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(17))),
        BadSubscription("an auth secret that is a number", "keys.auth", b => b["keys"]!["auth"] = 16),
        BadSubscription("no keys", "keys.p256dh", b => b.Remove("keys")),
        BadSubscription("keys that are text", "keys", b => b["keys"] = "p256dh"),
        BadSubscription("an unknown key", "keys.extra", b => b["keys"]!["extra"] = "x"),
        BadSubscription("no label", "label", b => b.Remove("label")),
        BadSubscription("a blank label", "label", b => b["label"] = "   "),
        BadSubscription("a label of 81 characters", "label", b => b["label"] = new string('L', 81)), // one over the longest, 80
        BadSubscription("a label with a control character", "label", b => b["label"] = "Phone\u0007"),
        BadSubscription("an unknown field", "browser", b => b["browser"] = "Firefox"),
    ];

    [Fact]
    public async Task Every_kind_of_bad_subscription_is_a_400_naming_the_field_and_adds_no_device()
    {
        using var person = await TestPerson.CreateAsync(server, who: "devices-bad");

        foreach (var bad in BadDevices())
        {
            var answer = await person.PostAsync(Devices, bad.Body);
            try
            {
                answer.ShouldNameField(bad.Field);
            }
            catch (ShouldAssertException e)
            {
                throw new ShouldAssertException($"{bad.Name}: {e.Message}", e);
            }
        }
        (await person.GetAsync(Devices)).Json.GetArrayLength().ShouldBe(0);
        (await person.PostAsync(Devices, "{")).ShouldNameField("body");
        (await person.PostAsync(Devices, "[]")).ShouldNameField("body");
    }

    [Fact]
    public async Task A_device_is_listed_updated_by_its_endpoint_and_removed_and_no_one_else_sees_or_removes_it()
    {
        using var ana = await TestPerson.CreateAsync(server, who: "devices-ana");
        using var ben = await TestPerson.CreateAsync(server, who: "devices-ben");
        var endpoint = FcmEndpoint();

        var added = await ana.PostAsync(Devices, Subscription(endpoint, label: "  Phone  "));

        added.Status.ShouldBe(HttpStatusCode.Created, added.ToString());
        var id = added.Json.GetProperty("id").GetGuid();
        added.Headers.Location!.ToString().ShouldBe($"{Devices}/{id}");
        added.Json.GetProperty("label").GetString().ShouldBe("Phone", "trimmed");
        added.Json.GetProperty("endpoint").GetString().ShouldBe(endpoint);
        Absent(added.Json, "lastDeliveredAt").ShouldBeTrue();
        var list = (await ana.GetAsync(Devices)).Json;
        list.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldBe([id]);
        (await ReadAsync(ana)).GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldBe([id]);
        // The keys are the server's to encrypt with, not something to show back.
        list[0].TryGetProperty("keys", out _).ShouldBeFalse();

        // The browser subscribes again (new keys, a new name): the same device, not a second one.
        var again = await ana.PostAsync(Devices, Subscription(endpoint, label: "Work laptop"));
        again.Status.ShouldBe(HttpStatusCode.Created, again.ToString());
        again.Json.GetProperty("id").GetGuid().ShouldBe(id);
        var updated = (await ana.GetAsync(Devices)).Json;
        updated.GetArrayLength().ShouldBe(1);
        updated[0].GetProperty("label").GetString().ShouldBe("Work laptop");

        // Ben sees nothing of Ana's and cannot remove it.
        (await ben.GetAsync(Devices)).Json.GetArrayLength().ShouldBe(0);
        (await ReadAsync(ben)).GetProperty("devices").GetArrayLength().ShouldBe(0);
        var notHis = await ben.DeleteAsync($"{Devices}/{id}");
        notHis.ShouldBeProblem(HttpStatusCode.NotFound);
        notHis.Text.ShouldNotContain(endpoint);
        (await ana.GetAsync(Devices)).Json.GetArrayLength().ShouldBe(1);

        (await ana.DeleteAsync($"{Devices}/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await ana.GetAsync(Devices)).Json.GetArrayLength().ShouldBe(0);
        (await ana.DeleteAsync($"{Devices}/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await ana.DeleteAsync($"{Devices}/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await ana.DeleteAsync($"{Devices}/not-a-guid")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_endpoint_subscribed_again_by_another_account_moves_to_that_account()
    {
        // The endpoint is a secret only the browser and its push service know: whoever sends it holds the browser, and
        // the browser now notifies whoever is signed in on it (PushDeviceRecords.AddAsync).
        using var ana = await TestPerson.CreateAsync(server, who: "devices-move-ana");
        using var ben = await TestPerson.CreateAsync(server, who: "devices-move-ben");
        var endpoint = FcmEndpoint();
        (await ana.PostAsync(Devices, Subscription(endpoint))).Status.ShouldBe(HttpStatusCode.Created);

        var moved = await ben.PostAsync(Devices, Subscription(endpoint, label: "Shared tablet"));

        moved.Status.ShouldBe(HttpStatusCode.Created, moved.ToString());
        (await ana.GetAsync(Devices)).Json.GetArrayLength().ShouldBe(0);
        (await ben.GetAsync(Devices)).Json.EnumerateArray().Select(d => d.GetProperty("label").GetString()).ShouldBe(["Shared tablet"]);
    }

    [Fact]
    public async Task A_test_notification_with_no_device_sends_nothing()
    {
        using var person = await TestPerson.CreateAsync(server, who: "push-test-none");

        var answer = await person.PostAsync("/api/v1/me/push/test", "");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        (answer.Json.GetProperty("devices").GetInt32(), answer.Json.GetProperty("delivered").GetInt32()).ShouldBe((0, 0));
        answer.Json.GetProperty("problems").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_reminders_own_desk_breaks_settings()
    {
        // Schemas are named by the type's short name: a second DeskBreaksJson (Today's desk breaks) took this one's place.
        using var http = server.CreateHttpClient();
        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var schemas = document["components"]!["schemas"]!;
        var deskBreaks = schemas["ReminderSettingsJson"]!["properties"]!["deskBreaks"]!["oneOf"]!.AsArray()
            .Select(o => o!["$ref"]?.GetValue<string>()).OfType<string>().Single();

        var properties = schemas[deskBreaks.Split('/')[^1]]!["properties"]!.AsObject().Select(p => p.Key);

        properties.ShouldBe(["everyMinutes", "days", "workFrom", "workTo"], ignoreOrder: true);
    }

    [Fact]
    public async Task Reminders_need_a_sign_in_but_not_the_health_data_consent()
    {
        // Reminder times, a calendar and browsers say nothing about anyone's health, so they work before the consent.
        using var person = await TestPerson.CreateAsync(server, consent: false, who: "reminders-no-consent");

        (await person.GetAsync(Reminders)).Status.ShouldBe(HttpStatusCode.OK);
        (await PutAsync(person, Full())).Status.ShouldBe(HttpStatusCode.OK);
        (await person.PostAsync(Pause, "")).Status.ShouldBe(HttpStatusCode.OK);
        (await person.DeleteAsync(Pause)).Status.ShouldBe(HttpStatusCode.OK);
        var made = await person.PostAsync(Calendar, "");
        made.Status.ShouldBe(HttpStatusCode.Created);
        (await FeedAsync(person.Anonymous, made.Json.GetProperty("url").GetString()!)).Status.ShouldBe(HttpStatusCode.OK);
        (await person.DeleteAsync(Calendar)).Status.ShouldBe(HttpStatusCode.NoContent);
        var device = await person.PostAsync(Devices, Subscription(FcmEndpoint()));
        device.Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync(Devices)).Status.ShouldBe(HttpStatusCode.OK);
        (await person.DeleteAsync($"{Devices}/{device.Json.GetProperty("id").GetGuid()}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await person.PostAsync("/api/v1/me/push/test", "")).Status.ShouldBe(HttpStatusCode.OK);
        Absent((await person.GetAsync("/api/v1/me")).Json, "consent").ShouldBeTrue("still no consent");

        // Signed out, every one of them is a 401.
        var anonymous = person.Anonymous;
        (await AccountApi.GetAsync(anonymous, Reminders)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.SendAsync(anonymous, HttpMethod.Put, Reminders, new StringContent(Full().ToJsonString(), Encoding.UTF8, "application/json")))
            .Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.PostAsync(anonymous, Pause, "")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.DeleteAsync(anonymous, Pause)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.PostAsync(anonymous, Calendar, "")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.DeleteAsync(anonymous, Calendar)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.GetAsync(anonymous, Devices)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.PostAsync(anonymous, Devices, Subscription(FcmEndpoint()))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.DeleteAsync(anonymous, $"{Devices}/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.PostAsync(anonymous, "/api/v1/me/push/test", "")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

/// <summary>
/// A server that may post to a push service on 127.0.0.1 (<c>Limber:Push:AllowedHosts</c>), with the reminder
/// dispatcher off, so the only push messages are the ones a test asks for.
/// </summary>
public sealed class PushApiServer : IDisposable
{
    public AccountServer Server { get; } = AccountServer.With(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Limber:Push:AllowedHosts"] = "127.0.0.1",
        ["Limber:Reminders:Dispatch"] = "false",
    });

    public void Dispose() => Server.Dispose();
}

/// <summary>Test notifications to a local push service that checks VAPID and decrypts as a browser would, and the server's key.</summary>
public sealed class PushDeviceApiTests(PushApiServer fixture) : IClassFixture<PushApiServer>, IAsyncLifetime
{
    private const string Test = "/api/v1/me/push/test";
    private const string Key = "/api/v1/push/key";

    private readonly AccountServer _server = fixture.Server;
    private PushEndpoint _push = null!;

    public async Task InitializeAsync() => _push = await PushEndpoint.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    /// <summary>The local push service's keys, as the browser sends them.</summary>
    private JsonObject Subscription(string path, string label = "Laptop") =>
        ReminderApiTests.Subscription(_push.EndpointFor(path).ToString(), _push.UserAgent.PublicKey, _push.UserAgent.AuthSecret, label);

    [Fact]
    public async Task A_test_notification_reaches_the_browser_once_encrypted_for_it_and_says_nothing_about_health()
    {
        using var person = await TestPerson.CreateAsync(_server, who: "push-test");
        var added = await person.PostAsync(ReminderApiTests.Devices, Subscription("test-once"));
        added.Status.ShouldBe(HttpStatusCode.Created, added.ToString());

        var answer = await person.PostAsync(Test, "");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        (answer.Json.GetProperty("devices").GetInt32(), answer.Json.GetProperty("delivered").GetInt32()).ShouldBe((1, 1));
        answer.Json.GetProperty("problems").GetArrayLength().ShouldBe(0);
        var received = (await _push.WaitForAsync(1)).ShouldHaveSingleItem();
        _push.Received.Count.ShouldBe(1, "exactly one message");
        received.Path.ShouldBe("test-once");
        using var message = JsonDocument.Parse(received.Payload);
        var json = message.RootElement;
        foreach (var field in new[] { "title", "body", "url", "tag" })
        {
            json.GetProperty(field).GetString().ShouldNotBeNullOrWhiteSpace(field);
        }
        json.GetProperty("url").GetString().ShouldBe("/reminders");
        foreach (var word in new[] { "pain", "back", "sciatica", "treat", "cure", "relieve", "diagnos", "injur", "symptom", "health" })
        {
            received.Text.ShouldNotContain(word, Case.Insensitive);
        }
        // Signed with the key browsers subscribe with.
        var key = (await AccountApi.GetAsync(person.Anonymous, Key)).Json.GetProperty("publicKey").GetString()!;
        received.Vapid.PublicKey.ShouldBe(Base64Url.DecodeFromChars(key));
        received.Vapid.Subject.ShouldStartWith("mailto:");
        ReminderApiTests.Absent((await person.GetAsync(ReminderApiTests.Devices)).Json[0], "lastDeliveredAt").ShouldBeFalse();
    }

    [Fact]
    public async Task Keys_sent_with_base64_padding_work_too()
    {
        // Some clients pad base64url; the key is the same key.
        using var person = await TestPerson.CreateAsync(_server, who: "push-padded");
        var body = Subscription("padded");
        body["keys"]!["p256dh"] = Convert.ToBase64String(_push.UserAgent.PublicKey).Replace('+', '-').Replace('/', '_');
        body["keys"]!["auth"] = Convert.ToBase64String(_push.UserAgent.AuthSecret).Replace('+', '-').Replace('/', '_');
        body["keys"]!["auth"]!.GetValue<string>().ShouldEndWith("==");
        (await person.PostAsync(ReminderApiTests.Devices, body)).Status.ShouldBe(HttpStatusCode.Created);

        var answer = await person.PostAsync(Test, "");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.Json.GetProperty("delivered").GetInt32().ShouldBe(1, answer.ToString());
    }

    [Fact]
    public async Task A_device_whose_subscription_is_gone_is_removed_by_the_test()
    {
        using var person = await TestPerson.CreateAsync(_server, who: "push-gone");
        (await person.PostAsync(ReminderApiTests.Devices, Subscription("gone", "Old phone"))).Status.ShouldBe(HttpStatusCode.Created);
        _push.RespondTo("gone", 410);

        var answer = await person.PostAsync(Test, "");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        (answer.Json.GetProperty("devices").GetInt32(), answer.Json.GetProperty("delivered").GetInt32()).ShouldBe((1, 0));
        answer.Json.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem().GetString()!.ShouldStartWith("Old phone:");
        (await person.GetAsync(ReminderApiTests.Devices)).Json.GetArrayLength().ShouldBe(0);
        _push.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_test_goes_to_each_of_the_persons_devices_and_to_no_one_elses()
    {
        using var ana = await TestPerson.CreateAsync(_server, who: "push-ana");
        using var ben = await TestPerson.CreateAsync(_server, who: "push-ben");
        (await ana.PostAsync(ReminderApiTests.Devices, Subscription("ana-phone", "Phone"))).Status.ShouldBe(HttpStatusCode.Created);
        (await ana.PostAsync(ReminderApiTests.Devices, Subscription("ana-laptop", "Laptop"))).Status.ShouldBe(HttpStatusCode.Created);
        (await ben.PostAsync(ReminderApiTests.Devices, Subscription("ben-phone", "Phone"))).Status.ShouldBe(HttpStatusCode.Created);

        var answer = await ana.PostAsync(Test, "");

        (answer.Json.GetProperty("devices").GetInt32(), answer.Json.GetProperty("delivered").GetInt32()).ShouldBe((2, 2));
        (await _push.WaitForAsync(2)).Select(r => r.Path).ShouldBe(["ana-phone", "ana-laptop"], ignoreOrder: true);
        _push.Received.Count.ShouldBe(2, "nothing for Ben");
    }

    [Fact]
    public async Task The_push_key_is_an_uncompressed_P256_point_and_the_same_each_time()
    {
        using var http = _server.CreateHttpClient();

        var first = await AccountApi.GetAsync(http, Key);
        var second = await AccountApi.GetAsync(http, Key);

        first.Status.ShouldBe(HttpStatusCode.OK, first.ToString());
        var key = first.Json.GetProperty("publicKey").GetString()!;
        ShouldBeAPublicKey(key);
        second.Json.GetProperty("publicKey").GetString().ShouldBe(key);
    }

    internal static void ShouldBeAPublicKey(string key)
    {
        key.ShouldNotContain("=", customMessage: "base64url without padding, as PushManager.subscribe takes it");
        var bytes = Base64Url.DecodeFromChars(key);
        bytes.Length.ShouldBe(65);
        bytes[0].ShouldBe((byte)0x04);
        // Throws unless the point is on P-256.
        using var point = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = bytes[1..33], Y = bytes[33..] },
        });
        point.KeySize.ShouldBe(256);
    }

    [Fact]
    public async Task The_push_key_is_made_once_and_kept_across_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("limber-push-key-").FullName;
        try
        {
            string key;
            using (var first = LimberServer.WithData(data))
            using (var http = first.CreateHttpClient())
            {
                key = (await AccountApi.GetAsync(http, Key)).Json.GetProperty("publicKey").GetString()!;
                ShouldBeAPublicKey(key);
            }
            using var second = LimberServer.WithData(data);
            using var again = second.CreateHttpClient();
            (await AccountApi.GetAsync(again, Key)).Json.GetProperty("publicKey").GetString().ShouldBe(key, "browsers' subscriptions stay valid");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
