using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Limber.Web.Reminders.WebPush;

namespace Limber.Web.Tests.Reminders;

/// <summary>PushSender over real HTTP to a local push service that decrypts what it receives.</summary>
public sealed class PushSenderTests : IAsyncLifetime
{
    private const string Subject = "mailto:reminders@limber.example";

    // Looks like what a reminder would carry, so a test can show it never reaches an outcome's detail.
    private const string PayloadText = """{"title":"Knee routine","body":"Pain was 6/10 yesterday: go gently today"}""";

    private readonly HttpClient _http = new();
    private readonly VapidKeys _keys = VapidKeys.Generate();
    private PushEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await PushEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _http.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task A_delivered_message_decrypts_to_the_payload_and_carries_its_headers()
    {
        var now = DateTimeOffset.UtcNow;
        var message = new PushMessage(Encoding.UTF8.GetBytes(PayloadText), TimeSpan.FromMinutes(90), PushUrgency.High, "knee-routine");

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("alice"), message, _keys, Subject, now, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Delivered);
        outcome.StatusCode.ShouldBe(201);
        outcome.RetryAfter.ShouldBeNull();
        outcome.Detail.ShouldNotContain("Knee");
        var received = _endpoint.Received.ShouldHaveSingleItem();
        received.Path.ShouldBe("alice");
        received.Text.ShouldBe(PayloadText);
        received.Ttl.ShouldBe(5400);
        received.Urgency.ShouldBe("high");
        received.Topic.ShouldBe("knee-routine");
        received.Vapid.PublicKey.ShouldBe(_keys.PublicKey);
        received.Vapid.Subject.ShouldBe(Subject);
        received.Vapid.Audience.ShouldBe(_endpoint.Origin.GetLeftPart(UriPartial.Authority));
        received.Vapid.Expires.ShouldBe(DateTimeOffset.FromUnixTimeSeconds((now + PushSender.TokenLifetime).ToUnixTimeSeconds()));
    }

    [Theory]
    [InlineData(PushUrgency.VeryLow, "very-low")]
    [InlineData(PushUrgency.Low, "low")]
    [InlineData(PushUrgency.Normal, "normal")]
    [InlineData(PushUrgency.High, "high")]
    public async Task Every_urgency_is_sent_under_its_RFC_8030_name(PushUrgency urgency, string header)
    {
        var message = new PushMessage("{}"u8.ToArray(), TimeSpan.FromHours(1), urgency, Topic: null);

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("bob"), message, _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Delivered);
        var received = _endpoint.Received.ShouldHaveSingleItem();
        received.Urgency.ShouldBe(header);
        received.Topic.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(90.75, 90)] // whole seconds, rounded down so a message never outlives what was asked
    [InlineData(2419200, 2419200)] // four weeks
    public async Task The_time_to_live_is_sent_in_whole_seconds(double seconds, int header)
    {
        var message = new PushMessage("{}"u8.ToArray(), TimeSpan.FromSeconds(seconds), PushUrgency.Normal, Topic: null);

        await Sender().SendAsync(_endpoint.TargetFor("ttl"), message, _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        _endpoint.Received.ShouldHaveSingleItem().Ttl.ShouldBe(header);
    }

    [Fact]
    public async Task A_message_of_the_largest_size_arrives_whole()
    {
        var payload = Enumerable.Range(0, PushMessageEncryption.MaxPlaintextLength).Select(i => (byte)i).ToArray();
        var message = new PushMessage(payload, TimeSpan.FromHours(1), PushUrgency.Normal, Topic: null);

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("big"), message, _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Delivered);
        _endpoint.Received.ShouldHaveSingleItem().Payload.ShouldBe(payload);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task An_expired_subscription_is_gone(int status)
    {
        _endpoint.RespondTo("carol", status);

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("carol"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Gone);
        outcome.StatusCode.ShouldBe(status);
        outcome.Detail.ShouldContain("expired");
        outcome.Detail.ShouldNotContain("Knee");
    }

    [Fact]
    public async Task Too_many_requests_with_Retry_After_in_seconds_is_retried_after_that_long()
    {
        _endpoint.RespondTo("dave", 429, retryAfter: "120");

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("dave"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.RetryLater);
        outcome.StatusCode.ShouldBe(429);
        outcome.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Retry_After_as_a_date_is_counted_from_now()
    {
        var now = DateTimeOffset.UtcNow;
        var until = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 600);
        _endpoint.RespondTo("erin", 503, retryAfter: until.ToString("r", CultureInfo.InvariantCulture));

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("erin"), Message(), _keys, Subject, now, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.RetryLater);
        outcome.StatusCode.ShouldBe(503);
        outcome.RetryAfter.ShouldBe(until - now);
    }

    [Fact]
    public async Task A_server_error_is_retried_later()
    {
        _endpoint.RespondTo("frank", 500);

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("frank"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.RetryLater);
        outcome.StatusCode.ShouldBe(500);
        outcome.RetryAfter.ShouldBeNull();
        outcome.Detail.ShouldNotContain("Knee");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task A_refused_message_is_rejected(int status)
    {
        _endpoint.RespondTo("grace", status);

        var outcome = await Sender().SendAsync(_endpoint.TargetFor("grace"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Rejected);
        outcome.StatusCode.ShouldBe(status);
        outcome.RetryAfter.ShouldBeNull();
    }

    [Fact]
    public async Task A_scripted_failure_for_a_number_of_times_then_delivers()
    {
        _endpoint.RespondTo("heidi", 503, times: 1);
        var sender = Sender();

        var first = await sender.SendAsync(_endpoint.TargetFor("heidi"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);
        var second = await sender.SendAsync(_endpoint.TargetFor("heidi"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        first.Result.ShouldBe(PushResult.RetryLater);
        second.Result.ShouldBe(PushResult.Delivered);
        _endpoint.Attempts.Select(a => a.StatusCode).ShouldBe([503, 201]);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_later()
    {
        var closedPort = ClosedPort();
        var target = new PushTarget(new Uri($"http://127.0.0.1:{closedPort}/ivan"), _endpoint.UserAgent.PublicKey, _endpoint.UserAgent.AuthSecret);

        var outcome = await Sender().SendAsync(target, Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.RetryLater);
        outcome.StatusCode.ShouldBeNull();
        outcome.Detail.ShouldContain("Could not reach");
    }

    [Fact]
    public async Task A_push_service_that_never_answers_is_retried_later()
    {
        _endpoint.Stall("judy");
        // A short client timeout only makes the stall end sooner; nothing here measures time.
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var outcome = await new PushSender(impatient).SendAsync(_endpoint.TargetFor("judy"), Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.RetryLater);
        outcome.StatusCode.ShouldBeNull();
        outcome.Detail.ShouldContain("did not answer");
    }

    [Fact]
    public async Task Cancelling_a_send_cancels_it_rather_than_reporting_an_outcome()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            Sender().SendAsync(_endpoint.TargetFor("ken"), Message(), _keys, Subject, DateTimeOffset.UtcNow, cancelled.Token));
    }

    [Fact]
    public async Task A_push_service_refuses_an_expired_VAPID_token()
    {
        // The sender's clock is 13 hours behind, so its 12-hour token has already run out: proves the endpoint checks.
        var outcome = await Sender().SendAsync(_endpoint.TargetFor("leo"), Message(), _keys, Subject, DateTimeOffset.UtcNow.AddHours(-13), CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Rejected);
        outcome.StatusCode.ShouldBe(401);
        _endpoint.Attempts.ShouldHaveSingleItem().Reason.ShouldContain("expired");
        _endpoint.Received.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("knee routine")] // a space
    [InlineData("knee+routine")] // base64, not base64url
    [InlineData("knee/routine")]
    [InlineData("kniegymnastik-übungen")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // one character too many
    public async Task An_invalid_topic_is_refused_before_sending(string topic)
    {
        var message = new PushMessage("{}"u8.ToArray(), TimeSpan.FromHours(1), PushUrgency.Normal, topic);

        var e = await Should.ThrowAsync<ArgumentException>(() =>
            Sender().SendAsync(_endpoint.TargetFor("mallory"), message, _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None));

        e.Message.ShouldContain("topic");
        _endpoint.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_topic_of_32_base64url_characters_is_sent()
    {
        const string topic = "Kn33_routine-0123456789abcdefghi";
        topic.Length.ShouldBe(32);

        await Sender().SendAsync(_endpoint.TargetFor("nina"), Message() with { Topic = topic }, _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        _endpoint.Received.ShouldHaveSingleItem().Topic.ShouldBe(topic);
    }

    [Fact]
    public async Task A_subscription_with_unusable_keys_is_rejected_without_sending()
    {
        var target = _endpoint.TargetFor("oscar") with { P256dh = new byte[64] };

        var outcome = await Sender().SendAsync(target, Message(), _keys, Subject, DateTimeOffset.UtcNow, CancellationToken.None);

        outcome.Result.ShouldBe(PushResult.Rejected);
        outcome.StatusCode.ShouldBeNull();
        outcome.Detail.ShouldContain("65-byte");
        outcome.Detail.ShouldNotContain("Parameter");
        _endpoint.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task Many_messages_sent_at_once_all_arrive_intact()
    {
        var sender = Sender();
        var now = DateTimeOffset.UtcNow;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => sender.SendAsync(
            _endpoint.TargetFor($"person/{i}"), Message() with { Payload = Encoding.UTF8.GetBytes($"reminder {i}") }, _keys, Subject, now, CancellationToken.None)));
        var received = await _endpoint.WaitForAsync(50);

        outcomes.ShouldAllBe(o => o.Result == PushResult.Delivered);
        received.Select(r => (r.Path, r.Text)).OrderBy(r => r.Path, StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, 50).Select(i => ($"person/{i}", $"reminder {i}")).OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    private PushSender Sender() => new(_http);

    private static PushMessage Message() => new(Encoding.UTF8.GetBytes(PayloadText), TimeSpan.FromHours(1), PushUrgency.Normal, Topic: null);

    private static int ClosedPort()
    {
        // A port that was free a moment ago and has nothing listening on it now.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
