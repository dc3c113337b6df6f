using Parley.Core.Outbound;

namespace Parley.Channels.Twilio;

/// <summary>
/// What one Parley message becomes on Twilio: one or more Messages API requests, sent in order. Each part holds
/// the content fields only; the channel adds <c>To</c>, <c>From</c> and <c>StatusCallback</c>.
/// </summary>
/// <param name="Parts">The content fields of each request.</param>
/// <param name="Fallback">Set when the content was rendered differently from what was asked (logged by the channel).</param>
/// <param name="Rejected">Set when Twilio cannot express the content at all.</param>
public sealed record TwilioSendPlan(IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Parts, string? Fallback = null, SendResult? Rejected = null)
{
    public static TwilioSendPlan Reject(string code, string reason) => new([], Rejected: SendResult.Permanent(code, reason));
}
