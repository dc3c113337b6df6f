using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Parley.Web;

/// <summary>Turns every unhandled error into RFC 7807 problem details; bad requests keep their 4xx status.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body is larger than the limit of {WebExtensions.MaxBodyBytes:N0} bytes."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            System.Text.Json.JsonException json => (StatusCodes.Status400BadRequest, "Malformed JSON", json.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The error was logged."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
