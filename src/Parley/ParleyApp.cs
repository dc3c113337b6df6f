using Parley.Admin;
using Parley.Ai;
using Parley.Api;
using Parley.Booking;
using Parley.Booking.Api;
using Parley.Bots;
using Parley.Channels;
using Parley.Channels.Webhooks;
using Parley.Clinic;
using Parley.Clinic.Web;
using Parley.Core.Hosting;
using Parley.Hosting;
using Parley.Identity;
using Parley.Observability;
using Parley.Secrets;
using Parley.Web;

namespace Parley;

/// <summary>Composes the server: each part registers itself; this reads as the table of contents.</summary>
public static class ParleyApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(ApplicationDirectory.BuilderOptions(args));
        builder.AddParleyHosting();
        builder.AddParleyCore();
        builder.AddParleySecrets();
        builder.AddChannels();
        builder.AddBots();
        builder.AddAi();
        // Documents from contacts are read by this same binary's read-document command, in a process of its own.
        builder.Services.PostConfigure<Parley.Ai.Media.Documents.DocumentReadingOptions>(o => o.WorkerAssembly ??= typeof(Program).Assembly.Location);
        builder.Services.AddParleyIdentity(builder.Configuration);
        builder.AddBooking();
        builder.AddClinic();
        builder.AddParleyWeb();
        builder.AddParleyObservability();
        builder.AddParleyApi();
        builder.AddAdmin();
        configure?.Invoke(builder);

        var app = builder.Build();
        // Start-up lines run in the reverse order of registration: these two follow "Parley is listening" (UseParleyHosting).
        app.AnnounceData();
        app.AnnounceAdmin();
        app.UseParleyHosting();
        app.UseParleyWeb();
        app.UseParleyApi();
        app.MapHealth();
        app.MapMetrics();
        app.MapSandbox();
        app.MapWebhooks();
        app.MapApi();
        app.MapIdentity();
        app.MapBooking();
        app.MapClinicApi(ApiScopePolicies.For).AsApiGroup();
        app.MapBookingApi(ApiScopePolicies.For).AsApiGroup();
        app.MapBookingGuestApi().AsSessionApiGroup();
        app.MapAdmin();
        return app;
    }
}
