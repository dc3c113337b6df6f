using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Parley.Api;

/// <summary>
/// Per-key request limits for /api/v1 with ASP.NET Core's rate limiter (per instance). Over the limit: 429 problem
/// details with <c>Retry-After</c> in seconds. Requests are partitioned by API key, or by client address without one.
/// </summary>
public static class ApiRateLimiting
{
    public const string Policy = "api";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var key = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } id
                    ? "key:" + id
                    : "ip:" + context.Connection.RemoteIpAddress;
                return options.Kind.Equals("sliding", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        SegmentsPerWindow = options.SegmentsPerWindow,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.PermitLimit,
                        Window = options.Window,
                        QueueLimit = 0,
                    });
            });
            o.OnRejected = async (context, ct) =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? after
                    : options.Kind.Equals("sliding", StringComparison.OrdinalIgnoreCase) ? options.Window / options.SegmentsPerWindow : options.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This API key may make {options.PermitLimit} requests per {options.Window}; try again in {seconds} s.",
                    },
                });
            };
        });
        return services;
    }
}
