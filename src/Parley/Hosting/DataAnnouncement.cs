using Parley.Core.Storage;

namespace Parley.Hosting;

/// <summary>The start-up line that names the database (and so the data directory) the server uses, wherever it was started.</summary>
public static class DataAnnouncement
{
    public static WebApplication AnnounceData(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Data: {Database} (content root {ContentRoot})", app.Services.GetRequiredService<Database>().Describe(), app.Environment.ContentRootPath));
        return app;
    }
}
