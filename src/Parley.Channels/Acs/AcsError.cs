using System.Net;

namespace Parley.Channels.Acs;

/// <summary>An error answer from ACS.</summary>
public sealed record AcsError(HttpStatusCode Status, string Code, string Message, TimeSpan? RetryAfter)
{
    public int StatusCode => (int)Status;
}
