using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Modules;
using Parley.Core.Storage;

namespace Parley.Booking.Tests;

/// <summary>
/// The booking module on a real database without the web host; <see cref="Instance"/> adds another "instance"
/// (its own services and connection pool on the same database), as a second Parley process would be.
/// </summary>
internal sealed class BookingHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _instances = [];

    private BookingHarness(TestDatabase database, FakeTimeProvider time)
    {
        Database = database;
        Time = time;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _instances[0];

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<BookingHarness> StartAsync(DatabaseKind kind, IDictionary<string, string?>? settings = null)
    {
        var harness = new BookingHarness(await TestDatabase.CreateAsync(kind), new FakeTimeProvider());
        var first = harness.Instance(settings);
        await first.GetRequiredService<Migrator>().MigrateAsync();
        return harness;
    }

    /// <summary>Another instance on the same database.</summary>
    /// <param name="time">The instance's own clock (instances' clocks differ a little); default: the shared one.</param>
    public IServiceProvider Instance(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time ?? Time);
        services.AddSingleton(new Database(Database.Kind, Database.ConnectionString));
        services.AddModuleSchema(ModuleSchema.Core);
        services.AddSingleton<Migrator>();
        services.AddBookingServices();
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    /// <summary>An activity with one slot of <paramref name="capacity"/> seats starting <paramref name="startsIn"/> from now (default two days).</summary>
    public async Task<TimeSlot> SlotAsync(int capacity = 10, TimeSpan? startsIn = null, string slug = "snorkel")
    {
        var catalog = Get<ActivityCatalog>();
        var id = await catalog.SaveAsync(new Activity
        {
            Slug = slug,
            Name = "Snorkel at the reef",
            Description = "Two hours at the house reef.",
            Category = "water",
            PriceCents = 4500,
            Currency = "USD",
            DurationMinutes = 120,
            MeetingPoint = "Beach hut",
            DefaultCapacity = capacity,
        });
        var start = Time.GetUtcNow() + (startsIn ?? TimeSpan.FromDays(2));
        var zoneStart = start.UtcDateTime;
        var plan = new SlotPlan(id, DateOnly.FromDateTime(zoneStart), DateOnly.FromDateTime(zoneStart), [TimeOnly.FromDateTime(zoneStart)]) { Capacity = capacity };
        var made = await Get<SlotSchedule>().GenerateAsync(plan);
        made.Error.ShouldBeNull();
        return (await Get<SlotSchedule>().UpcomingAsync(id)).Single(s => s.StartsAt == made.Starts[0]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
