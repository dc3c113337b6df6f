using System.Net;
using Parley.Core.Outbound;

namespace Parley.Channels.Acs;

/// <summary>
/// How an ACS error answer becomes a <see cref="SendResult"/>: throttling (429, with Retry-After), timeouts (408) and
/// server errors (5xx) are retried; refused credentials (401/403), bad requests (400, with ACS's message) and
/// everything else are permanent.
/// </summary>
public static class AcsSendErrors
{
    public static SendResult Classify(AcsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.StatusCode;
        return error.Status switch
        {
            HttpStatusCode.TooManyRequests => SendResult.Retry(error.Code, $"ACS throttled the send (429 {error.Code}): {error.Message}", error.RetryAfter),
            _ when AcsRestClient.IsTransient(error.Status) => SendResult.Retry(error.Code, $"ACS answered {status} {error.Code}: {error.Message}", error.RetryAfter),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SendResult.Permanent(error.Code,
                $"ACS refused the credentials ({status} {error.Code}): {error.Message}. Check the account's Endpoint and AccessKey."),
            HttpStatusCode.BadRequest => SendResult.Permanent(error.Code, $"ACS rejected the message (400 {error.Code}): {error.Message}"),
            HttpStatusCode.NotFound => SendResult.Permanent(error.Code,
                $"ACS answered 404 {error.Code}: {error.Message}. Check the account's Endpoint and ChannelRegistrationId."),
            _ => SendResult.Permanent(error.Code, $"ACS answered {status} {error.Code}: {error.Message}"),
        };
    }
}
