using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Core.Hosting;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Per-client limits on the sandbox with ASP.NET Core's rate limiter (per instance), partitioned by client network
/// (<see cref="ClientNetwork"/>): <see cref="Write"/> for messages and access attempts, <see cref="Read"/> for the rest.
/// Clients on this machine (loopback, no forwarded headers) are not limited. Over the limit: 429 problem details with
/// <c>Retry-After</c>.
/// </summary>
public sealed class SandboxRateLimits(bool writes) : IRateLimiterPolicy<string>
{
    public const string Write = "sandbox-write";
    public const string Read = "sandbox-read";

    private int PerMinute(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value;
        return writes ? options.MessagesPerMinute : options.ReadsPerMinute;
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // This machine's own users (the page, `chat`, tests) are not limited; a proxy on this machine is not one of them.
        if (!SandboxAccess.ArrivedFromOutside(httpContext))
        {
            return RateLimitPartition.GetNoLimiter("local");
        }

        var limit = PerMinute(httpContext);
        return RateLimitPartition.GetSlidingWindowLimiter(ClientNetwork.Of(httpContext.Connection.RemoteIpAddress), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });
    }

    public static void Add(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(Write, new SandboxRateLimits(writes: true));
        limiter.AddPolicy(Read, new SandboxRateLimits(writes: false));
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 10;
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The sandbox takes {PerMinute(context.HttpContext)} {(writes ? "messages" : "reads")} a minute from one client; try again in {seconds} s.",
            },
        });
    }
}
