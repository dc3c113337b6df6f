namespace Parley.Tests.Faults;

/// <summary>
/// The Graph API misbehaving while replies go out: the pair rate limit (131056) and throughput limit (130429), with
/// and without Retry-After, 5xx answers and answers slower than Parley waits. Each retry comes only after the
/// provider's Retry-After, or else after the worker's backoff; nothing is lost, sent twice or sent out of order.
/// The checks are lower bounds on the gap between a refused send and its retry, as the fake saw them arrive.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class MetaProviderFaultsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task PairRateLimitAndThroughputLimit_WithRetryAfter_NextAttemptWaitsForIt_AndEachReplyGoesOnce()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        graph.RateLimitRetryAfterSeconds = 2;
        graph.FailNextSends(1, FakeGraphFailure.PairRateLimit);
        graph.FailNextSends(1, FakeGraphFailure.RateLimit);
        graph.FailNextSends(1, FakeGraphFailure.PairRateLimit);
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(graph));
        var ledger = new FaultLedger();

        await SendAsync(ledger, app, contacts: 3, perContact: 2);
        var retries = await SettleAsync(ledger, app, graph, failures: 3);

        retries.ShouldAllBe(r => r.Gap >= TimeSpan.FromSeconds(2) - Tolerance, Describe(retries));
    }

    [Fact]
    public async Task ServerErrorsSlowAnswersAndLimitsWithoutRetryAfter_RetriedAfterBackoff_NothingLost()
    {
        await using var graph = await FakeMetaGraph.StartAsync();
        graph.SlowResponse = TimeSpan.FromSeconds(4);
        foreach (var failure in new[] { FakeGraphFailure.ServerError, FakeGraphFailure.Unavailable, FakeGraphFailure.Slow, FakeGraphFailure.RateLimit, FakeGraphFailure.PairRateLimit, FakeGraphFailure.ServerError })
        {
            graph.FailNextSends(1, failure);
        }

        // Parley gives up on a send after 1.5 s: the slow answer becomes a timeout, retried like a 5xx.
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, Settings(graph, httpTimeout: "00:00:01.500"));
        var ledger = new FaultLedger();

        await SendAsync(ledger, app, contacts: 4, perContact: 2);
        var retries = await SettleAsync(ledger, app, graph, failures: 6);

        // The worker's backoff: at least half of BaseBackoff x 2^(attempt-1) (full jitter on the upper half).
        retries.ShouldAllBe(r => r.Gap >= (BaseBackoff * Math.Pow(2, r.Attempt - 1) / 2) - Tolerance, Describe(retries));
        retries.ShouldContain(r => r.Failed.AnsweredStatus == 0, "the slow answer was given up on and sent again");
    }

    // Clock granularity between the fake's arrival stamps; the waits checked are whole backoff steps.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(20);

    private static Dictionary<string, string?> Settings(FakeMetaGraph graph, string? httpTimeout = null) => FaultSettings.For(graph, new Dictionary<string, string?>
    {
        ["Parley:Workers:BaseBackoff"] = BaseBackoff.ToString(),
        ["Parley:Workers:PollInterval"] = "00:00:00.050",
        // Room for every programmed failure to land on one message without failing it.
        ["Parley:Workers:MaxAttempts"] = "10",
        ["Parley:Meta:HttpTimeout"] = httpTimeout,
    });

    /// <summary>Each contact's messages one after another (each acknowledged before the next), the contacts at once.</summary>
    private static Task SendAsync(FaultLedger ledger, TestApp app, int contacts, int perContact) =>
        Task.WhenAll(Enumerable.Range(0, contacts).Select(async c =>
        {
            for (var n = 0; n < perContact; n++)
            {
                var message = ledger.NewMessage($"1650559{c:0000}");
                (await ledger.DeliverAsync(app.Client, message)).ShouldBeTrue();
            }
        }));

    /// <summary>Waits for every answer, checks that nothing was lost, failed, duplicated or reordered, and returns the retries.</summary>
    private async Task<List<Retry>> SettleAsync(FaultLedger ledger, TestApp app, FakeMetaGraph graph, int failures)
    {
        var outcome = await ledger.SettleAsync(app.Get<Database>(), graph, TimeSpan.FromSeconds(90));
        var retries = Retries(graph.Sends);
        output.WriteLine(outcome.ToString());
        output.WriteLine(Describe(retries));

        outcome.ShouldBeClean();
        retries.Count.ShouldBe(failures, Describe(retries));
        foreach (var contact in graph.Accepted.GroupBy(s => s.Json!["to"]!.GetValue<string>()))
        {
            // The greeting first, then the echoes in the order the messages were sent: a held retry keeps the rest behind it.
            var texts = contact.Select(s => s.Json!["text"]!["body"]!.GetValue<string>()).ToList();
            texts[0].ShouldStartWith("Hi ");
            texts.Skip(1).Select(t => t.Split('\n')[0]).ShouldBe(
                ledger.Messages.Where(m => m.From == contact.Key).OrderBy(m => m.Seq).Select(m => $"You said: {m.Text}"));
        }

        return retries;
    }

    /// <summary>A refused (or unanswered) send, the next attempt of the same message, and which attempt failed.</summary>
    private sealed record Retry(FakeGraphRequest Failed, FakeGraphRequest Next, int Attempt)
    {
        public TimeSpan Gap => Next.ReceivedAt - Failed.ReceivedAt;

        public override string ToString() =>
            $"{(Failed.AnsweredStatus == 0 ? "no answer" : Failed.AnsweredStatus.ToString(System.Globalization.CultureInfo.InvariantCulture))} on attempt {Attempt}, retried after {Gap.TotalMilliseconds:0} ms";
    }

    private static List<Retry> Retries(IEnumerable<FakeGraphRequest> sends) =>
        [.. sends.GroupBy(s => s.Body, StringComparer.Ordinal).SelectMany(attempts =>
        {
            var ordered = attempts.OrderBy(a => a.ReceivedAt).ToList();
            return ordered.Zip(ordered.Skip(1)).Select((pair, i) => new Retry(pair.First, pair.Second, i + 1)).Where(r => r.Failed.AnsweredId is null);
        })];

    private static string Describe(IEnumerable<Retry> retries) => "retries: " + string.Join("; ", retries);
}
