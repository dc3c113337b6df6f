namespace Parley.Hosting;

/// <summary>
/// Ends the admin's live connections (Blazor circuits under <c>/_blazor</c>) as soon as the server starts stopping, and
/// refuses new ones from then on. Without it, a browser tab reconnects in the instant between SignalR closing its
/// connections and Kestrel closing its listeners, and the stop waits for that connection until the host's shutdown
/// timeout (30 s by default; dotnet/aspnetcore#58947). With it, an open admin page does not delay the stop.
/// </summary>
public sealed class CircuitShutdown(IHostApplicationLifetime lifetime)
{
    public const string CircuitPath = "/_blazor";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(CircuitPath))
        {
            await next(context);
            return;
        }

        var stopping = lifetime.ApplicationStopping;
        if (stopping.IsCancellationRequested)
        {
            // The browser retries: against another instance behind the proxy, or this one once it is back.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        // Cancelling RequestAborted is not enough: the transport runs on until the connection itself is aborted.
        using var abort = stopping.Register(static c => ((HttpContext)c!).Abort(), context);
        await next(context);
    }
}
