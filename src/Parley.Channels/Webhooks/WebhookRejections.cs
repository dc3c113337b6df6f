using Parley.Core.Observability;

namespace Parley.Channels.Webhooks;

/// <summary>
/// The one rule for refused provider webhooks (forged signatures, wrong codes, unknown accounts, bodies too large or
/// malformed): every refusal is counted in <c>parley_webhooks_rejected_total</c> by provider and reason, and a warning
/// is written at most once a minute per provider, account and reason, so a flood of forged requests can neither fill
/// the log nor go unseen.
/// </summary>
public sealed class WebhookRejections(ParleyMetrics metrics, LogThrottle throttle)
{
    public const string UnknownAccount = "unknown_account";
    public const string TooLarge = "too_large";
    public const string NoSecret = "no_secret";
    public const string Signature = "signature";
    public const string Malformed = "malformed";

    /// <summary>Counts the refusal; true when a warning should be written now, with <paramref name="suppressed"/> held back since the last.</summary>
    public bool Reject(string provider, string accountId, string reason, out long suppressed)
    {
        metrics.WebhookRejected(provider, reason);
        return throttle.ShouldLog($"webhook-rejected:{provider}:{accountId}:{reason}", out suppressed);
    }

    /// <summary>Counts a refusal that is never logged (unknown accounts: a scanner's guesses are not worth a line).</summary>
    public void Count(string provider, string reason) => metrics.WebhookRejected(provider, reason);
}
