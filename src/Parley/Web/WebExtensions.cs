using System.Text.Json.Serialization;
using Parley.Channels.Sandbox;
using Parley.Core.Messaging;

namespace Parley.Web;

public static class WebExtensions
{
    /// <summary>Webhook and API bodies larger than this are refused with 413 (CONTRACTS.md).</summary>
    public const long MaxBodyBytes = 3 * 1024 * 1024;

    public static WebApplicationBuilder AddParleyWeb(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddParleyHealthChecks();
        return builder;
    }

    public static WebApplication UseParleyWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // While the sandbox is off its page's files are not served either.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/sandbox") && !context.RequestServices.GetRequiredService<SandboxExposure>().Enabled)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        app.MapSandboxApi();
        // Through the web root's file provider, like the page's script and styles: it finds the page in a published
        // wwwroot and, via the static web assets manifest, in the project when the build output runs from elsewhere.
        // The page itself holds nothing; when access is needed it asks for the token (the API is what is guarded).
        app.MapGet("/sandbox", (IWebHostEnvironment env, SandboxExposure sandbox) =>
                !sandbox.Enabled ? Results.NotFound()
                : env.WebRootFileProvider.GetFileInfo("sandbox/index.html") is { Exists: true } page
                    ? Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8")
                    : Results.NotFound())
            .RequireRateLimiting(SandboxRateLimits.Read)
            .ExcludeFromDescription();
        app.MapGet("/", (SandboxExposure sandbox) => Results.Redirect(sandbox.Enabled ? "/sandbox" : "/admin/")).ExcludeFromDescription();
        return app;
    }

    internal static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, ParleyJson.Options);
}
