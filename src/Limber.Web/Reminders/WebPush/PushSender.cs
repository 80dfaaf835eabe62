using System.Globalization;
using System.Net.Http.Headers;

namespace Limber.Web.Reminders.WebPush;

/// <summary>Where a message goes: a browser's push subscription (its endpoint and its two keys).</summary>
public sealed record PushTarget(Uri Endpoint, byte[] P256dh, byte[] Auth);

/// <summary>RFC 8030 section 5.3: lets the push service save a phone's battery for messages that can wait.</summary>
public enum PushUrgency { VeryLow, Low, Normal, High }

/// <summary>One message to send.</summary>
/// <param name="Payload">At most <see cref="PushMessageEncryption.MaxPlaintextLength"/> bytes; only the browser can read it.</param>
/// <param name="TimeToLive">How long the push service keeps the message for an offline browser; sent in whole seconds.</param>
/// <param name="Topic">When set, a newer message with the same topic replaces an undelivered older one: up to 32 base64url characters.</param>
public sealed record PushMessage(byte[] Payload, TimeSpan TimeToLive, PushUrgency Urgency, string? Topic);

public enum PushResult
{
    /// <summary>The push service took the message.</summary>
    Delivered,

    /// <summary>The subscription has expired or was withdrawn: delete it.</summary>
    Gone,

    /// <summary>A passing failure: try again, after <see cref="PushOutcome.RetryAfter"/> when given.</summary>
    RetryLater,

    /// <summary>The push service refused this message; sending it again will not help.</summary>
    Rejected,
}

/// <summary>What came of one send. <paramref name="Detail"/> is safe to log: it never holds the payload.</summary>
public sealed record PushOutcome(PushResult Result, int? StatusCode, string Detail, TimeSpan? RetryAfter);

/// <summary>Sends one message to one subscription over the Web Push protocol (RFC 8030, 8291, 8292).</summary>
public sealed class PushSender(HttpClient http)
{
    /// <summary>Half the 24 hours RFC 8292 allows, so clock skew at the push service does not make tokens look too far ahead.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    private const int MaxTopicLength = 32;

    /// <summary>
    /// Encrypts and posts the message. A malformed message or subject throws <see cref="ArgumentException"/>
    /// before anything is sent; everything the network or push service does becomes a <see cref="PushOutcome"/>.
    /// </summary>
    public async Task<PushOutcome> SendAsync(PushTarget target, PushMessage message, VapidKeys keys, string subject, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(keys);
        CheckMessage(message);
        var host = target.Endpoint.Host;
        var authorization = keys.AuthorizationFor(target.Endpoint, subject, now, TokenLifetime);

        byte[] body;
        try
        {
            body = PushMessageEncryption.Encrypt(message.Payload, target.P256dh, target.Auth);
        }
        catch (ArgumentException e) when (e.ParamName is "userAgentPublicKey" or "authSecret")
        {
            // The keys came from a browser and were stored; they will not get better by retrying.
            return new PushOutcome(PushResult.Rejected, null, $"The subscription for {host} has unusable keys: {WithoutParameterName(e.Message)}", null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target.Endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("TTL", (message.TimeToLive.Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Urgency", UrgencyHeader(message.Urgency));
        if (message.Topic is not null)
        {
            request.Headers.TryAddWithoutValidation("Topic", message.Topic);
        }
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return Outcome(response, host, now);
        }
        catch (HttpRequestException e)
        {
            return new PushOutcome(PushResult.RetryLater, null, $"Could not reach the push service at {host} ({e.HttpRequestError}).", null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PushOutcome(PushResult.RetryLater, null, $"The push service at {host} did not answer in time.", null);
        }
    }

    private static void CheckMessage(PushMessage message)
    {
        ArgumentNullException.ThrowIfNull(message.Payload);
        if (message.TimeToLive < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.TimeToLive, "The time to live cannot be negative.");
        }
        if (message.Payload.Length > PushMessageEncryption.MaxPlaintextLength)
        {
            throw new ArgumentException(
                $"The payload is {message.Payload.Length} bytes; a push message holds at most {PushMessageEncryption.MaxPlaintextLength}.", nameof(message));
        }
        if (message.Topic is { } topic && !IsTopic(topic))
        {
            throw new ArgumentException(
                $"A topic must be 1 to {MaxTopicLength} characters from the base64url alphabet (A-Z, a-z, 0-9, '-' and '_'); this one is {topic.Length} characters long.",
                nameof(message));
        }
    }

    // RFC 8030 section 5.4.
    private static bool IsTopic(string topic) =>
        topic.Length is > 0 and <= MaxTopicLength && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string UrgencyHeader(PushUrgency urgency) => urgency switch
    {
        PushUrgency.VeryLow => "very-low",
        PushUrgency.Low => "low",
        PushUrgency.Normal => "normal",
        PushUrgency.High => "high",
    };

    private static PushOutcome Outcome(HttpResponseMessage response, string host, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => new(PushResult.Delivered, status, $"The push service at {host} accepted the message ({status}).", null),
            404 or 410 => new(PushResult.Gone, status, $"The push service at {host} says the subscription has expired or was withdrawn ({status}).", null),
            429 => new(PushResult.RetryLater, status, $"The push service at {host} is limiting our rate ({status}).", RetryAfter(response, now)),
            >= 500 and < 600 => new(PushResult.RetryLater, status, $"The push service at {host} failed ({status}).", RetryAfter(response, now)),
            413 => new(PushResult.Rejected, status, $"The push service at {host} refused the message as too large ({status}).", null),
            401 or 403 => new(PushResult.Rejected, status, $"The push service at {host} refused our VAPID authorization ({status}).", null),
            >= 400 and < 500 => new(PushResult.Rejected, status, $"The push service at {host} refused the message ({status}).", null),
            _ => new(PushResult.Rejected, status, $"The push service at {host} gave an unexpected answer ({status}).", null),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string WithoutParameterName(string message)
    {
        // ArgumentException appends " (Parameter '…')", which means nothing to whoever reads the log.
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
