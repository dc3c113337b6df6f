using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dapper;

namespace Parley.Tests.Faults;

/// <summary>One inbound text message a fault test sends to the Meta account: its signed delivery, and how that went.</summary>
public sealed class FaultMessage(long seq, string from, string text, string wamid, string body)
{
    private int _deliveries;
    private int _acked;

    public long Seq { get; } = seq;
    public string From { get; } = from;
    public string Text { get; } = text;
    public string Wamid { get; } = wamid;
    public string Body { get; } = body;

    public int Deliveries => Volatile.Read(ref _deliveries);

    /// <summary>Some delivery got a 2xx: Parley then owes this message exactly one stored row and one answer.</summary>
    public bool Acked => Volatile.Read(ref _acked) == 1;

    internal void Delivering() => Interlocked.Increment(ref _deliveries);

    internal void Acknowledge() => Volatile.Write(ref _acked, 1);
}

/// <summary>
/// What the fault tests sent and what Parley answered to each delivery, checked against the database and the fake
/// Graph API at the end: every acknowledged message stored once and answered once by the echo bot, no message marked
/// failed or left pending, and no answer a provider should not see (a 500, an escaped exception, a 503 without
/// Retry-After). Meta redelivers what was not acknowledged; <see cref="FaultLoad"/> does the same.
/// </summary>
public sealed class FaultLedger
{
    /// <summary>The Meta account of <see cref="FakeMetaGraph.AccountSettings"/>, served by the echo bot.</summary>
    public const string AccountId = "meta1";

    /// <summary>An HTTP status recorded for a delivery that got no answer (connection refused or reset, timeout).</summary>
    public const int NoAnswer = 0;

    /// <summary>Recorded when an exception came out of the in-process server instead of an answer.</summary>
    public const int Escaped = -1;

    private readonly ConcurrentDictionary<string, FaultMessage> _byText = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentQueue<string> _escaped = new();
    private int _unavailableWithoutRetryAfter;
    private long _seq;

    /// <summary>Tags this run's texts and message ids, so checks never count another run's rows.</summary>
    public string RunTag { get; } = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public IReadOnlyCollection<FaultMessage> Messages => [.. _byText.Values];

    /// <summary>Deliveries by the HTTP status they were answered with (<see cref="NoAnswer"/>, <see cref="Escaped"/>).</summary>
    public IReadOnlyDictionary<int, int> Statuses => new Dictionary<int, int>(_statuses);

    public int Count(int status) => _statuses.GetValueOrDefault(status);

    /// <summary>A new message from <paramref name="from"/> (a wa_id) with a text that is unique in this run.</summary>
    public FaultMessage NewMessage(string from, long? timestamp = null)
    {
        var seq = Interlocked.Increment(ref _seq);
        var text = string.Create(CultureInfo.InvariantCulture, $"fault {RunTag} {seq}");
        var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.FAULT{RunTag}{seq:000000}");
        var message = new FaultMessage(seq, from, text, wamid, MetaWebhooks.Text(from, text, wamid, name: $"Contact {from[^4..]}", timestamp: timestamp));
        _byText[text] = message;
        return message;
    }

    /// <summary>Posts one delivery of <paramref name="message"/> and records the answer; true when it was acknowledged.</summary>
    public async Task<bool> DeliverAsync(HttpClient client, FaultMessage message, CancellationToken ct = default)
    {
        message.Delivering();
        int status;
        try
        {
            using var response = await client.PostMetaWebhookAsync(AccountId, message.Body).WaitAsync(ct);
            status = (int)response.StatusCode;
            if (status == 503 && response.Headers.RetryAfter is null)
            {
                Interlocked.Increment(ref _unavailableWithoutRetryAfter);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            status = NoAnswer;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The in-process server let an exception through instead of answering: a provider would have seen a 500.
            status = Escaped;
            _escaped.Enqueue($"{ex.GetType().Name}: {ex.Message}");
        }

        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status is >= 200 and < 300)
        {
            message.Acknowledge();
            return true;
        }

        return false;
    }

    /// <summary>
    /// Waits (generously: <paramref name="timeout"/> for the answers, a minute more for the rest) until every
    /// acknowledged message is answered at the fake and nothing is pending any more, then counts (<see cref="CheckAsync"/>).
    /// </summary>
    public async Task<FaultOutcome> SettleAsync(Database database, FakeMetaGraph graph, TimeSpan timeout)
    {
        await WaitForAnswersAsync(graph, timeout);
        await WaitForIdleAsync(database, TimeSpan.FromSeconds(60));
        return await CheckAsync(database, graph);
    }

    /// <summary>Waits (polling the fake) until every acknowledged message has its echo at the fake Graph API.</summary>
    private async Task WaitForAnswersAsync(FakeMetaGraph graph, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var echoes = EchoCounts(graph.Accepted);
            var missing = Messages.Where(m => m.Acked && !echoes.ContainsKey(m.Text)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{missing.Count} acknowledged messages were not answered within {timeout.TotalSeconds:0} s, e.g. " +
                    string.Join(", ", missing.Take(5).Select(m => m.Wamid)) + $". Deliveries: {Describe(Statuses)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until no message of any direction is pending (work taken over, retries done).</summary>
    private static async Task WaitForIdleAsync(Database database, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            long pending;
            await using (var c = await database.OpenAsync())
            {
                pending = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE process_state = 1");
            }

            if (pending == 0)
            {
                return;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{pending} messages still pending after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Counts what Parley did with this run's messages, from its database and from what the fake received.</summary>
    public async Task<FaultOutcome> CheckAsync(Database database, FakeMetaGraph graph)
    {
        Dictionary<string, long> stored;
        long failed;
        long pending;
        await using (var c = await database.OpenAsync())
        {
            stored = (await c.QueryAsync<(string Id, long N)>(
                    "SELECT provider_message_id, COUNT(*) FROM messages WHERE direction = 'inbound' AND provider_message_id LIKE @prefix GROUP BY provider_message_id",
                    new { prefix = $"wamid.FAULT{RunTag}%" }))
                .ToDictionary(r => r.Id, r => r.N, StringComparer.Ordinal);
            failed = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE process_state = 3");
            pending = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE process_state = 1");
        }

        var accepted = graph.Accepted;
        var echoes = EchoCounts(accepted);
        var acked = Messages.Where(m => m.Acked).ToList();
        return new FaultOutcome(
            Sent: _byText.Count,
            Acked: acked.Count,
            NotStored: acked.Count(m => !stored.ContainsKey(m.Wamid)),
            StoredTwice: stored.Values.Count(n => n > 1),
            Unanswered: acked.Count(m => !echoes.ContainsKey(m.Text)),
            AnsweredTwice: echoes.Values.Count(n => n > 1),
            DuplicateSends: DuplicateSends(accepted),
            Failed: failed,
            Pending: pending,
            Statuses: Statuses,
            UnavailableWithoutRetryAfter: Volatile.Read(ref _unavailableWithoutRetryAfter),
            EscapedErrors: [.. _escaped.Distinct().Take(5)]);
    }

    /// <summary>The echo bot's reply text for each of this run's messages it answered, and how often.</summary>
    public Dictionary<string, int> EchoCounts(IEnumerable<FakeGraphRequest> accepted)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var send in accepted)
        {
            if (EchoedText(send) is { } text && _byText.ContainsKey(text))
            {
                counts[text] = counts.GetValueOrDefault(text) + 1;
            }
        }

        return counts;
    }

    /// <summary>The text the echo bot repeats in a send ("You said: …"), or null for other sends (the greeting).</summary>
    public static string? EchoedText(FakeGraphRequest send)
    {
        var body = send.Json?["text"]?["body"]?.GetValue<string>();
        return body is not null && body.StartsWith("You said: ", StringComparison.Ordinal) ? body["You said: ".Length..].Split('\n')[0] : null;
    }

    /// <summary>Sends beyond the first of the same body to the same recipient: what a person would see twice.</summary>
    public static int DuplicateSends(IEnumerable<FakeGraphRequest> accepted) =>
        accepted.GroupBy(s => s.Body, StringComparer.Ordinal).Sum(g => g.Count() - 1);

    public static string Describe(IReadOnlyDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => s.Key switch
        {
            NoAnswer => $"no answer x{s.Value}",
            Escaped => $"exception x{s.Value}",
            _ => $"{s.Key} x{s.Value}",
        }));
}

/// <summary>The counts a fault test checks; <see cref="ToString"/> is the line it prints.</summary>
public sealed record FaultOutcome(
    int Sent,
    int Acked,
    int NotStored,
    int StoredTwice,
    int Unanswered,
    int AnsweredTwice,
    int DuplicateSends,
    long Failed,
    long Pending,
    IReadOnlyDictionary<int, int> Statuses,
    int UnavailableWithoutRetryAfter,
    IReadOnlyList<string> EscapedErrors)
{
    /// <summary>5xx answers other than 503 (the database is away), and exceptions that escaped the server.</summary>
    public int ServerErrors => Statuses.Where(s => s.Key is FaultLedger.Escaped or >= 500 and not 503).Sum(s => s.Value);

    /// <summary>
    /// Every acknowledged message stored once and answered, none failed or pending, no 500s; duplicate sends (and so
    /// messages answered twice) only up to <paramref name="allowedDuplicateSends"/>.
    /// </summary>
    public void ShouldBeClean(int allowedDuplicateSends = 0)
    {
        var why = ToString();
        Acked.ShouldBeGreaterThan(0, why);
        NotStored.ShouldBe(0, why);
        StoredTwice.ShouldBe(0, why);
        Unanswered.ShouldBe(0, why);
        Failed.ShouldBe(0, why);
        Pending.ShouldBe(0, why);
        ServerErrors.ShouldBe(0, why);
        UnavailableWithoutRetryAfter.ShouldBe(0, why);
        DuplicateSends.ShouldBeLessThanOrEqualTo(allowedDuplicateSends, why);
        AnsweredTwice.ShouldBeLessThanOrEqualTo(allowedDuplicateSends, why);
    }

    public override string ToString()
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"{Sent} messages, {Acked} acknowledged; {NotStored} not stored, {StoredTwice} stored twice; ");
        b.Append(CultureInfo.InvariantCulture, $"{Unanswered} unanswered, {AnsweredTwice} answered twice, {DuplicateSends} duplicate sends at the fake; ");
        b.Append(CultureInfo.InvariantCulture, $"{Failed} failed, {Pending} pending; deliveries: {FaultLedger.Describe(Statuses)}");
        if (UnavailableWithoutRetryAfter > 0)
        {
            b.Append(CultureInfo.InvariantCulture, $"; {UnavailableWithoutRetryAfter} 503 without Retry-After");
        }

        if (EscapedErrors.Count > 0)
        {
            b.Append("; escaped: ").AppendJoin(" | ", EscapedErrors);
        }

        return b.ToString();
    }
}
