using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Booking.Import;
using Parley.Booking.Store;
using Parley.Core.Startup;

namespace Parley.Booking.Demo;

/// <summary>
/// At start: loads the demo resort (<c>examples/resort.yaml</c>, embedded) into an empty booking module, and on later
/// starts keeps the demo's slots two weeks ahead, so <c>dotnet run</c> shows a living resort in the sandbox at once.
/// Off with <c>Parley:Booking:Demo=false</c>; a resort of one's own (activities from the admin or an import) is never touched.
/// </summary>
public sealed class DemoResort(ActivityCatalog activities, ResortImporter importer, IOptions<BookingOptions> options, ILogger<DemoResort> logger) : IStartupTask
{
    public const string Source = "demo";

    public string Name => "booking.demo";

    public StartupPhase Phase => StartupPhase.Content;

    public static ResortFile Load()
    {
        using var stream = typeof(DemoResort).Assembly.GetManifestResourceStream("Parley.Booking.Demo.resort.yaml")
            ?? throw new InvalidOperationException("The demo resort is not embedded.");
        using var reader = new StreamReader(stream);
        return ResortImporter.Parse(reader.ReadToEnd(), "the demo resort (examples/resort.yaml)");
    }

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Value.Demo)
        {
            return;
        }

        var existing = await activities.ListAsync(includeInactive: true, ct);
        if (existing.Count == 0)
        {
            var summary = await importer.ImportAsync(Load(), null, Source, ct);
            logger.LogInformation("Demo resort loaded: {Summary} (bot 'resort', sandbox account 'resort')", summary);
        }
        else if (existing.Any(a => a.Source == Source))
        {
            var created = await importer.TopUpSlotsAsync(Load(), ct);
            logger.LogDebug("Demo resort: {Created} new slots", created);
        }
    }
}
