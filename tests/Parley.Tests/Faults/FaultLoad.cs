using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Parley.Tests.Faults;

/// <summary>
/// Webhook load for the fault tests: new Meta text messages at a steady rate from a set of contacts, each delivered
/// until a delivery is acknowledged, as Meta does (a refused, failed or unanswered delivery is sent again after
/// <see cref="RedeliveryDelay"/>). Deliveries go round-robin to whatever instances <c>targets</c> lists at the moment,
/// so a test can kill, restart or cut what is behind them while the load runs. Everything lands in the ledger.
/// </summary>
public sealed class FaultLoad(FaultLedger ledger, Func<IReadOnlyList<HttpClient>> targets)
{
    private readonly ConcurrentQueue<Task> _deliveries = new();

    /// <summary>Distinct contacts (conversations) the messages come from, in turn.</summary>
    public int Contacts { get; init; } = 40;

    /// <summary>Makes the contacts' wa_ids (prefix + four digits) distinct from other tests'.</summary>
    public string ContactPrefix { get; init; } = "1650555";

    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deliveries of one message before the load gives up on it (it then stays unacknowledged: nothing is owed).</summary>
    public int MaxDeliveries { get; init; } = 120;

    public string Contact(long n) => ContactPrefix + (n % Contacts).ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts <paramref name="rate"/> new messages a second for <paramref name="duration"/>, or until <paramref name="stop"/>
    /// is cancelled; returns when the last one is started (their deliveries go on: see <see cref="DrainAsync"/>).
    /// </summary>
    public async Task RunAsync(double rate, TimeSpan duration, CancellationToken stop = default)
    {
        var started = Stopwatch.GetTimestamp();
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due >= duration)
            {
                return;
            }

            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var message = ledger.NewMessage(Contact(n));
            _deliveries.Enqueue(DeliverUntilAcknowledgedAsync(message, n));
        }
    }

    /// <summary>Waits (polling, up to a minute) until <paramref name="condition"/> holds.</summary>
    public static Task Until(Func<bool> condition, string what) =>
        Testing.TestRedis.EventuallyAsync(() => Task.FromResult(condition()), what, TimeSpan.FromSeconds(60));

    /// <summary>Waits (bounded) until every message started so far was acknowledged or given up on.</summary>
    public Task DrainAsync(TimeSpan timeout) => Task.WhenAll(_deliveries).WaitAsync(timeout);

    private async Task DeliverUntilAcknowledgedAsync(FaultMessage message, long n)
    {
        await Task.Yield();
        for (var delivery = 0; delivery < MaxDeliveries;)
        {
            var live = targets();
            if (live.Count > 0)
            {
                // The next delivery goes to the next instance: a redelivery after a kill reaches a live one.
                if (await ledger.DeliverAsync(live[(int)((n + delivery) % live.Count)], message))
                {
                    return;
                }

                delivery++;
            }

            await Task.Delay(RedeliveryDelay);
        }
    }
}
