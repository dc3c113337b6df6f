using Parley.Core.Storage;

namespace Parley.Core.Work;

/// <summary>A held conversation: the worker renews the lease while it works and says when to come back.</summary>
/// <param name="until">When the lease taken by the claim runs out (Unix ms).</param>
public sealed class LaneLease(ConversationLane lane, long conversationId, string owner, WorkerOptions options, TimeProvider time, long until)
{
    private long _until = until;

    public long ConversationId { get; } = conversationId;

    /// <summary>How long the lease still holds if it is not renewed: nobody else takes the conversation before then.</summary>
    public TimeSpan Remaining => TimeSpan.FromMilliseconds(Math.Max(0, _until - time.NowMs()));

    /// <summary>When the conversation should next be looked at; set when a retry is scheduled.</summary>
    public long ReadyAt { get; set; }

    /// <summary>
    /// Makes sure the lease has at least two thirds of its duration left before the next piece of work: a write only
    /// once a third of it has passed, not before every message. Processing stays safe if a lease still runs out under
    /// a very slow message: marking a message done is conditional and reply keys are idempotent.
    /// </summary>
    public async Task<bool> RenewAsync(CancellationToken ct)
    {
        var duration = (long)options.LeaseDuration.TotalMilliseconds;
        var now = time.NowMs();
        if (_until - now > duration * 2 / 3)
        {
            return true;
        }

        if (!await lane.RenewAsync(ConversationId, owner, now + duration, ct))
        {
            return false;
        }

        _until = now + duration;
        return true;
    }
}
