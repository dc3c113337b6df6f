using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Parley.Core.Observability;
using Parley.Core.Storage;

namespace Parley.Web;

/// <summary>
/// Turns every unhandled error into RFC 7807 problem details; bad requests keep their 4xx status. A database that is
/// down or restarting is 503 with <c>Retry-After</c>, not 500: providers and clients retry, and nothing was lost.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, LogThrottle throttle, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait while the database is unavailable.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            _ when DatabaseErrors.IsUnavailable(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The database is not reachable at the moment; nothing was stored. Try again shortly."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body is larger than the limit of {WebExtensions.MaxBodyBytes:N0} bytes."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            System.Text.Json.JsonException json => (StatusCodes.Status400BadRequest, "Malformed JSON", json.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The error was logged."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // An outage fails every request: one warning a minute with the count, not a stack trace per request.
            if (throttle.ShouldLog("database-unavailable", out var suppressed))
            {
                logger.LogWarning("Database unavailable, answering 503 with Retry-After: {Method} {Path} failed with {Error} ({Suppressed} more since the last warning)",
                    context.Request.Method, context.Request.Path, $"{exception.GetType().Name}: {exception.Message}", suppressed);
            }

            context.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = FieldOf(exception) is { } field && status == StatusCodes.Status400BadRequest
                ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Name] = [field.Message] }) { Status = status, Title = "The request is not valid", Detail = detail }
                : new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The field a body failed on, from the JSON reader's path (<c>$.location.latitude</c> becomes <c>location.latitude</c>),
    /// so API clients see which field was wrong and not only that the body was.
    /// </summary>
    private static (string Name, string Message)? FieldOf(Exception exception)
    {
        var json = exception as System.Text.Json.JsonException ?? exception.InnerException as System.Text.Json.JsonException;
        if (json is not null)
        {
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "body";
            var field = path.Length == 0 ? "body" : path;
            // The reader's own message names .NET types; say what the caller can act on.
            return (field, json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? $"'{field}' has the wrong type or format."
                : $"The JSON is malformed near '{field}': {json.Message.Split(" Path:", 2)[0]}");
        }

        if (exception is not BadHttpRequestException bad)
        {
            return null;
        }

        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", bad.Message);
        }

        // 'Failed to bind parameter "Nullable<int> limit" from "abc".' names the query or route value.
        var match = System.Text.RegularExpressions.Regex.Match(bad.Message, "parameter \"(?:[^\"]* )?([A-Za-z0-9_]+)\"");
        return match.Success ? (match.Groups[1].Value, bad.Message) : null;
    }
}
