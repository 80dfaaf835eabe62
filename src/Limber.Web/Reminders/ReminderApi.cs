using System.Buffers.Text;
using Limber.Domain.Reminders;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;
using Limber.Web.Planning;
using Limber.Web.Reminders.WebPush;

namespace Limber.Web.Reminders;

public sealed record DailyReminderJson(string At, string Kind);

/// <summary>Desk-break settings. Not DeskBreaksJson: OpenAPI names schemas by the short type name, and Today's desk breaks have that one.</summary>
public sealed record DeskBreakSettingsJson(int EveryMinutes, IReadOnlyList<string> Days, string WorkFrom, string WorkTo);

public sealed record QuietTimeJson(string From, string To);

/// <summary>Reminder settings as the API reads and writes them; times are local wall-clock times in <see cref="TimeZone"/>.</summary>
public sealed record ReminderSettingsJson(
    string TimeZone,
    IReadOnlyList<DailyReminderJson> Daily,
    IReadOnlyList<string> Days,
    DeskBreakSettingsJson? DeskBreaks,
    IReadOnlyList<QuietTimeJson> QuietTimes,
    string? PausedOn)
{
    public static ReminderSettingsJson From(ReminderSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var input = ReminderInput.From(s);
        return new(input.TimeZone!, [.. input.Daily.Select(d => new DailyReminderJson(d.At!, d.Kind!))], input.Days,
            s.DeskBreaks is { } b ? new DeskBreakSettingsJson(b.EveryMinutes, input.WorkDays, input.WorkFrom!, input.WorkTo!) : null,
            [.. input.QuietTimes.Select(q => new QuietTimeJson(q.From!, q.To!))], input.PausedOn);
    }
}

public sealed record UpcomingReminderJson(string Kind, DateTimeOffset DueAt, string LocalDate, string LocalTime);

public sealed record CalendarFeedJson(string? Url, DateTimeOffset? CreatedAt, DateTimeOffset? FetchedAt);

/// <summary>A browser with notifications on; its endpoint lets the browser find itself in the list.</summary>
public sealed record PushDeviceJson(Guid Id, string Label, string Endpoint, DateTimeOffset CreatedAt, DateTimeOffset? LastDeliveredAt)
{
    public static PushDeviceJson From(PushDevice d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.Label, d.Endpoint, d.CreatedAt, d.LastDeliveredAt);
    }
}

public sealed record RecentReminderJson(string Kind, DateTimeOffset DueAt, string State, string? Outcome);

/// <summary>Everything about a person's reminders: the settings, what comes next, the calendar feed, devices and the recent log.</summary>
public sealed record RemindersJson(
    ReminderSettingsJson Settings,
    IReadOnlyList<UpcomingReminderJson> Next,
    CalendarFeedJson? Calendar,
    IReadOnlyList<PushDeviceJson> Devices,
    IReadOnlyList<RecentReminderJson> Recent);

public sealed record PushKeyJson(string PublicKey);

/// <summary>The browser's keys for encrypting to it (RFC 8291), base64url.</summary>
public sealed record PushSubscriptionKeysJson(string P256dh, string Auth);

/// <summary>A browser's push subscription as <c>PushSubscription.toJSON()</c> gives it, and a name for the browser.</summary>
public sealed record PushSubscriptionJson(string Endpoint, long? ExpirationTime, PushSubscriptionKeysJson Keys, string Label);

public sealed record PushTestJson(int Devices, int Delivered, IReadOnlyList<string> Problems);

/// <summary>
/// Reminders over the API: settings, pause for today, the calendar feed's secret address, browsers with notifications
/// on, and the feed itself at <c>/calendar/{secret}.ics</c> for calendar apps (no sign-in: the secret is the key).
/// </summary>
public static class ReminderApi
{
    private const string Title = "The reminder settings could not be saved";

    public static IEndpointRouteBuilder MapReminderApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Reminders").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/reminders", Get).WithName("GetReminders")
            .WithSummary("Your reminder settings, the next reminders, the calendar feed, your devices with notifications on and the recent reminders")
            .Produces<RemindersJson>();
        me.MapPut("/reminders", Put).WithName("SaveReminders")
            .WithSummary("Save your reminder settings (times are local wall-clock times in timeZone); the reminders still to come follow them at once")
            .Accepts<ReminderSettingsJson>("application/json")
            .Produces<RemindersJson>()
            .ProducesValidationProblem();
        me.MapPost("/reminders/pause", Pause).WithName("PauseRemindersToday")
            .WithSummary("No reminders for the rest of today (your date, in your reminders' time zone)")
            .Produces<RemindersJson>();
        me.MapDelete("/reminders/pause", Resume).WithName("ResumeReminders")
            .WithSummary("Reminders again today")
            .Produces<RemindersJson>();
        me.MapPost("/reminders/calendar", RenewCalendar).WithName("RenewCalendarFeed")
            .WithSummary("Make the calendar feed's secret address, or a new one (the old address stops working)")
            .Produces<CalendarFeedJson>(StatusCodes.Status201Created);
        me.MapDelete("/reminders/calendar", RevokeCalendar).WithName("RevokeCalendarFeed")
            .WithSummary("Turn the calendar feed off: its address stops working")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/push/devices", Devices).WithName("ListPushDevices")
            .WithSummary("Your browsers with notifications on")
            .Produces<IReadOnlyList<PushDeviceJson>>();
        me.MapPost("/push/devices", AddDevice).WithName("AddPushDevice")
            .WithSummary("Turn notifications on for a browser: its push subscription (endpoint and keys, as PushSubscription.toJSON() gives them) and a name for it")
            .Accepts<PushSubscriptionJson>("application/json")
            .Produces<PushDeviceJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        me.MapDelete("/push/devices/{id:guid}", RemoveDevice).WithName("RemovePushDevice")
            .WithSummary("Turn notifications off for one of your browsers")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/push/test", Test).WithName("TestPush")
            .WithSummary("Send a test notification to each of your browsers with notifications on, now")
            .Produces<PushTestJson>();
        app.MapGet("/api/v1/push/key", Key).WithTags("Reminders").WithName("GetPushKey")
            .WithSummary("The application server key (VAPID, RFC 8292) a browser subscribes with")
            .Produces<PushKeyJson>();
        app.MapGet("/calendar/{file}", Feed).ExcludeFromDescription();
        return app;
    }

    /// <summary>The person's settings, or none yet in their profile's time zone (UTC without one).</summary>
    internal static async Task<(ReminderSchedule? Row, ReminderSettings Settings)> SettingsAsync(
        Guid personId, ReminderRecords reminders, ProfileRecords profiles, CancellationToken ct)
    {
        var row = await reminders.FindAsync(personId, ct);
        if (row is not null && TimeZoneInfo.TryFindSystemTimeZoneById(row.TimeZoneId, out var zone))
        {
            return (row, row.ToSettings(zone));
        }
        var profileZone = (await profiles.FindAsync(personId, ct))?.Profile.TimeZoneId;
        return (row, ReminderSettings.None(ReminderInput.FindZone(profileZone) ?? TimeZoneInfo.Utc));
    }

    /// <summary>The feed's address for a secret, on this site (Limber:PublicUrl when set, else the request's own).</summary>
    internal static string FeedUrl(HttpRequest request, IConfiguration config, string token) =>
        SiteAddress.Of(request, config, $"/calendar/{token}.ics");

    private static async Task<IResult> Get(
        HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, ProfileRecords profiles, PushDeviceRecords devices,
        IConfiguration config, TimeProvider time, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return TypedResults.Ok(await DescribeAsync(context, person.Id, reminders, profiles, devices, config, time, ct));
    }

    internal static async Task<RemindersJson> DescribeAsync(
        HttpContext context, Guid personId, ReminderRecords reminders, ProfileRecords profiles, PushDeviceRecords devices,
        IConfiguration config, TimeProvider time, CancellationToken ct)
    {
        var (row, settings) = await SettingsAsync(personId, reminders, profiles, ct);
        var token = row is null ? null : reminders.CalendarToken(row);
        var recent = await reminders.RecentAsync(personId, 10, ct);
        return new RemindersJson(
            ReminderSettingsJson.From(settings),
            [.. ReminderTimes.Next(settings, time.GetUtcNow(), 5).Select(o => new UpcomingReminderJson(
                ReminderInput.KindName(o.Kind), o.DueAt, RequestValues.Day(o.LocalDate), ReminderInput.Time(o.LocalTime)))],
            row?.CalendarTokenHash is null ? null : new CalendarFeedJson(token is null ? null : FeedUrl(context.Request, config, token), row.CalendarCreatedAt, row.CalendarFetchedAt),
            [.. (await devices.ListAsync(personId, ct)).Select(PushDeviceJson.From)],
            [.. recent.Select(r => new RecentReminderJson(ReminderInput.KindName(r.Kind), r.DueAt, r.State.ToString(), r.Outcome))]);
    }

    private static async Task<IResult> Put(
        HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, ProfileRecords profiles, PushDeviceRecords devices,
        IConfiguration config, TimeProvider time, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, Title, "timeZone at least", ct);
        if (document is null)
        {
            return bad!;
        }
        var errors = new FieldErrors();
        ReminderInput input;
        using (document)
        {
            input = ReminderInput.From(document.RootElement, errors);
        }
        var settings = input.ToSettings(errors.Add);
        if (settings is null || errors.Any)
        {
            return errors.ToProblem(Title);
        }
        await reminders.SaveAsync(person.Id, settings, ct);
        return TypedResults.Ok(await DescribeAsync(context, person.Id, reminders, profiles, devices, config, time, ct));
    }

    private static Task<IResult> Pause(
        HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, ProfileRecords profiles, PushDeviceRecords devices,
        IConfiguration config, TimeProvider time, CancellationToken ct) =>
        SetPauseAsync(context, signedIn, reminders, profiles, devices, config, time, pause: true, ct);

    private static Task<IResult> Resume(
        HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, ProfileRecords profiles, PushDeviceRecords devices,
        IConfiguration config, TimeProvider time, CancellationToken ct) =>
        SetPauseAsync(context, signedIn, reminders, profiles, devices, config, time, pause: false, ct);

    private static async Task<IResult> SetPauseAsync(
        HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, ProfileRecords profiles, PushDeviceRecords devices,
        IConfiguration config, TimeProvider time, bool pause, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        await PauseAsync(person.Id, pause, reminders, profiles, time, ct);
        return TypedResults.Ok(await DescribeAsync(context, person.Id, reminders, profiles, devices, config, time, ct));
    }

    /// <summary>Pauses the rest of the person's today, or lifts the pause.</summary>
    internal static async Task PauseAsync(Guid personId, bool pause, ReminderRecords reminders, ProfileRecords profiles, TimeProvider time, CancellationToken ct)
    {
        var (_, settings) = await SettingsAsync(personId, reminders, profiles, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), settings.TimeZone).DateTime);
        await reminders.SaveAsync(personId, settings with { PausedOn = pause ? today : null }, ct);
    }

    private static async Task<IResult> RenewCalendar(
        HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, ProfileRecords profiles, IConfiguration config, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var (_, settings) = await SettingsAsync(person.Id, reminders, profiles, ct);
        var token = await reminders.RenewCalendarFeedAsync(person.Id, settings.TimeZone, ct);
        var row = await reminders.FindAsync(person.Id, ct);
        var url = FeedUrl(context.Request, config, token);
        return TypedResults.Created(url, new CalendarFeedJson(url, row?.CalendarCreatedAt, null));
    }

    private static async Task<IResult> RevokeCalendar(HttpContext context, SignedInPerson signedIn, ReminderRecords reminders, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return await reminders.RevokeCalendarFeedAsync(person.Id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No calendar feed", detail: "You have no calendar feed to turn off.");
    }

    private static async Task<IResult> Devices(HttpContext context, SignedInPerson signedIn, PushDeviceRecords devices, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return TypedResults.Ok((await devices.ListAsync(person.Id, ct)).Select(PushDeviceJson.From).ToList());
    }

    private static readonly string[] DeviceFields = ["endpoint", "expirationTime", "keys", "label"];
    private static readonly string[] KeyFields = ["p256dh", "auth"];

    private static async Task<IResult> AddDevice(
        HttpContext context, SignedInPerson signedIn, PushDeviceRecords devices, PushSettings push, CancellationToken ct)
    {
        const string title = "Notifications could not be turned on";
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title, "endpoint, keys.p256dh, keys.auth and label", ct);
        if (document is null)
        {
            return bad!;
        }
        var errors = new FieldErrors();
        string? endpoint = null, p256dh = null, auth = null, label = null;
        using (document)
        {
            foreach (var property in RequestValues.Once(document.RootElement, DeviceFields, errors, []))
            {
                switch (property.Name)
                {
                    case "endpoint": endpoint = RequestValues.Text(property.Value, "endpoint", PushDevice.LongestEndpoint, errors); break;
                    case "label": label = RequestValues.Text(property.Value, "label", PushDevice.LongestLabel, errors); break;
                    case "expirationTime": break;
                    case "keys" when property.Value.ValueKind == System.Text.Json.JsonValueKind.Object:
                        foreach (var key in RequestValues.Once(property.Value, KeyFields, errors, [], "keys"))
                        {
                            switch (key.Name)
                            {
                                case "p256dh": p256dh = RequestValues.Text(key.Value, "keys.p256dh", 100, errors); break;
                                case "auth": auth = RequestValues.Text(key.Value, "keys.auth", 40, errors); break;
                                default: ReminderInput.RefuseUnknown(key, KeyFields, "keys", errors); break;
                            }
                        }
                        break;
                    case "keys": errors.Add("keys", "keys must be an object with p256dh and auth, as PushSubscription.toJSON() gives them."); break;
                    default: JsonBody.RefuseUnknown(property, DeviceFields, "a push subscription", errors); break;
                }
            }
        }
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            errors.Add("endpoint", "endpoint is required: the push address the browser gave.");
        }
        else if (push.Refusal(endpoint) is { } refusal)
        {
            errors.Add("endpoint", refusal);
        }
        if (!DecodesTo(p256dh, 65, 0x04))
        {
            errors.Add("keys.p256dh", "keys.p256dh must be the browser's P-256 public key: 65 bytes, base64url.");
        }
        if (!DecodesTo(auth, 16, null))
        {
            errors.Add("keys.auth", "keys.auth must be the browser's 16-byte authentication secret, base64url.");
        }
        if (string.IsNullOrWhiteSpace(label))
        {
            errors.Add("label", "label is required: a name for this browser you will recognise, like \"Phone\".");
        }
        if (errors.Any)
        {
            return errors.ToProblem(title);
        }
        var device = await devices.AddAsync(person.Id, new NewPushDevice(endpoint!, p256dh!, auth!, label!.Trim()), ct);
        return TypedResults.Created($"/api/v1/me/push/devices/{device.Id}", PushDeviceJson.From(device));
    }

    private static bool DecodesTo(string? text, int length, byte? first)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var trimmed = text.TrimEnd('=');
        if (!Base64Url.IsValid(trimmed, out var decodedLength) || decodedLength != length)
        {
            return false;
        }
        var bytes = Base64Url.DecodeFromChars(trimmed);
        return first is null || bytes[0] == first;
    }

    private static async Task<IResult> RemoveDevice(HttpContext context, Guid id, SignedInPerson signedIn, PushDeviceRecords devices, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return await devices.RemoveAsync(person.Id, id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such device", detail: "You have no browser with notifications on with that id.");
    }

    private static async Task<IResult> Test(
        HttpContext context, SignedInPerson signedIn, PushDeviceRecords devices, PushKeyring keyring, PushSender sender, PushSettings push,
        TimeProvider time, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return TypedResults.Ok(await SendTestAsync(person.Id, devices, keyring, sender, push, time, ct));
    }

    /// <summary>A test notification to each of the person's devices, at once (not through the dispatcher).</summary>
    internal static async Task<PushTestJson> SendTestAsync(
        Guid personId, PushDeviceRecords devices, PushKeyring keyring, PushSender sender, PushSettings push, TimeProvider time, CancellationToken ct)
    {
        var list = await devices.ListAsync(personId, ct);
        var keys = await keyring.KeysAsync(ct);
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            title = "Limber notifications are on",
            body = "This is how your reminders will look on this device.",
            url = "/reminders",
            tag = "limber-test",
            kind = "test",
        });
        var delivered = 0;
        var problems = new List<string>();
        foreach (var device in list)
        {
            if (push.Refusal(device.Endpoint) is { } refusal)
            {
                problems.Add($"{device.Label}: {refusal}");
                continue;
            }
            var outcome = await sender.SendAsync(
                new PushTarget(new Uri(device.Endpoint), Base64Url.DecodeFromChars(device.P256dh), Base64Url.DecodeFromChars(device.Auth)),
                new PushMessage(payload, TimeSpan.FromMinutes(10), PushUrgency.Normal, null), keys, push.Subject, time.GetUtcNow(), ct);
            switch (outcome.Result)
            {
                case PushResult.Delivered:
                    delivered++;
                    await devices.DeliveredAsync(device.Id, ct);
                    break;
                case PushResult.Gone:
                    await devices.GoneAsync(device.Id, ct);
                    problems.Add($"{device.Label}: the browser has turned notifications off, so Limber removed it.");
                    break;
                default:
                    problems.Add($"{device.Label}: {outcome.Detail}");
                    break;
            }
        }
        return new PushTestJson(list.Count, delivered, problems);
    }

    private static async Task<IResult> Key(PushKeyring keyring, CancellationToken ct) =>
        TypedResults.Ok(new PushKeyJson((await keyring.KeysAsync(ct)).PublicKeyBase64Url));

    private static async Task<IResult> Feed(
        HttpContext context, string file, ReminderRecords reminders, ProfileRecords profiles, TimeProvider time, IConfiguration config, CancellationToken ct)
    {
        if (!file.EndsWith(".ics", StringComparison.Ordinal)
            || await reminders.FindByCalendarTokenAsync(file[..^4], ct) is not { } row
            || !TimeZoneInfo.TryFindSystemTimeZoneById(row.TimeZoneId, out var zone))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such calendar",
                detail: "This calendar address does not exist or was turned off. Make a new one on your reminders page.");
        }
        Uri Link(ReminderKind kind) => new(SiteAddress.Of(context.Request, config, ReminderMessages.Path(kind)));
        var links = new CalendarLinks(Link(ReminderKind.Routine), Link(ReminderKind.CheckIn), Link(ReminderKind.DeskBreak));
        // The routine's event lasts as long as the person said a session may (onboarding), 10 minutes without an answer.
        var minutes = (await profiles.FindAsync(row.PersonId, ct))?.Profile.MinutesPerSession is > 0 and var m ? m : 10;
        var text = CalendarFeed.Write(row.ToSettings(zone), links, row.Id.ToString("N")[..12], time.GetUtcNow(), TimeSpan.FromMinutes(minutes));
        // Calendars poll; a short private cache spares the database without hiding a change for long.
        context.Response.Headers.CacheControl = "private, max-age=300";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        return TypedResults.Text(text, "text/calendar; charset=utf-8");
    }
}
