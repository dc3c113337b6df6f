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
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        app.MapSandboxApi();
        // Through the web root's file provider, like the page's script and styles: it finds the page in a published
        // wwwroot and, via the static web assets manifest, in the project when the build output runs from elsewhere.
        app.MapGet("/sandbox", (IWebHostEnvironment env) => env.WebRootFileProvider.GetFileInfo("sandbox/index.html") is { Exists: true } page
                ? Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8")
                : Results.NotFound())
            .ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect("/sandbox")).ExcludeFromDescription();
        return app;
    }

    internal static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, ParleyJson.Options);
}
