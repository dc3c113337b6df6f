using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Cli;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Cli;

/// <summary>
/// The <c>booking</c> commands through the CLI's own code path on a real database: import a resort file (a broken one
/// imports nothing), list activities, generate slots (a dry run creates nothing; the cap refuses), list bookings, and
/// <c>booking expire</c> expiring a hold past its deadline and freeing its seats.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BookingCliTests
{
    private const string Resort =
        """
        resort: Test Bay
        activities:
          - slug: sunset-sail
            name: Sunset sail
            description: Two hours on the bay.
            category: sea
            tags: [sea, romantic]
            price: 60
            duration: 120
            meetingPoint: Pier
            capacity: 8
            images:
              - alt: The bay at dusk
                paint: { sky: "#f59e0b", ground: "#1e3a8a", sun: "#fde68a", waves: true }
            slots: { times: ["17:00"], daysAhead: 3 }
        """;

    [Theory, SqliteData, PostgresData]
    public async Task Import_List_GenerateSlots_ListBookings_AndExpire(DatabaseKind kind)
    {
        await using var harness = await BookingHarness.StartAsync(kind);
        var now = harness.Instance(time: TimeProvider.System);
        var file = Path.Combine(harness.Database.DataDirectory, "resort.yaml");
        Directory.CreateDirectory(harness.Database.DataDirectory);
        await File.WriteAllTextAsync(file, Resort);

        // The booking scopes are scopes the CLI gives API keys.
        var (keyed, keyOutput, keyError) = await RunAsync(harness, "apikeys", "create", "--name", "front-desk", "--scopes", "booking:read,booking:write");
        keyed.ShouldBe(0, keyError);
        keyOutput.ShouldContain("booking:read, booking:write");

        // Import; a file whose image is missing imports nothing.
        var (imported, importOutput, importError) = await RunAsync(harness, "booking", "import", file);
        imported.ShouldBe(0, importError);
        importOutput.ShouldContain("Imported 1 activities, 1 images,");
        var broken = Path.Combine(harness.Database.DataDirectory, "broken.yaml");
        await File.WriteAllTextAsync(broken, Resort.Replace("sunset-sail", "night-dive", StringComparison.Ordinal)
            .Replace("paint: { sky: \"#f59e0b\", ground: \"#1e3a8a\", sun: \"#fde68a\", waves: true }", "file: missing.jpg", StringComparison.Ordinal));
        var (refused, _, refusedError) = await RunAsync(harness, "booking", "import", broken);
        refused.ShouldBe(1);
        refusedError.ShouldContain("missing.jpg");
        (await now.GetRequiredService<ActivityCatalog>().FindBySlugAsync("night-dive")).ShouldBeNull();

        var (listed, listOutput, _) = await RunAsync(harness, "booking", "activities", "list", "--format", "json");
        listed.ShouldBe(0);
        var activities = JsonDocument.Parse(listOutput).RootElement;
        activities.GetArrayLength().ShouldBe(1);
        activities[0].GetProperty("slug").GetString().ShouldBe("sunset-sail");
        var activityId = long.Parse(activities[0].GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        (await RunAsync(harness, "booking", "activities", "list")).Code.ShouldBe(0);

        // Slots: a dry run says how many and creates none; then they are created; the cap refuses; a bad time is a usage error.
        var slots = now.GetRequiredService<SlotSchedule>();
        var existing = (await slots.UpcomingAsync(activityId, 500)).Count;
        var from = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(10);
        string[] generate = ["booking", "slots", "generate", "--activity", "sunset-sail", "--from", Day(from), "--to", Day(from.AddDays(1)), "--times", "09:00,15:00", "--capacity", "4"];
        var (dry, dryOutput, _) = await RunAsync(harness, [.. generate, "--dry-run"]);
        dry.ShouldBe(0);
        dryOutput.ShouldContain("Would create up to 4 slots of sunset-sail with 4 seats each");
        (await slots.UpcomingAsync(activityId, 500)).Count.ShouldBe(existing);
        var (made, madeOutput, _) = await RunAsync(harness, generate);
        made.ShouldBe(0);
        madeOutput.ShouldContain("Created 4 slots of sunset-sail with 4 seats each");
        (await slots.UpcomingAsync(activityId, 500)).Count.ShouldBe(existing + 4);
        var (capped, _, cappedError) = await RunAsync(harness, "booking", "slots", "generate", "--activity", activityId.ToString(CultureInfo.InvariantCulture),
            "--from", Day(from), "--to", Day(from.AddDays(400)), "--times", "08:00,12:00");
        capped.ShouldBe(1);
        cappedError.ShouldContain("more than the limit of 500");
        (await slots.UpcomingAsync(activityId, 500)).Count.ShouldBe(existing + 4);
        (await RunAsync(harness, [.. generate[..^4], "--times", "9am"])).Code.ShouldBe(2);
        (await RunAsync(harness, "booking", "slots", "generate", "--activity", "nope", "--from", Day(from), "--to", Day(from), "--times", "09:00")).Code.ShouldBe(1);

        // Bookings: a pending hold is listed (JSON); a state that does not exist is a usage error.
        var slot = (await slots.UpcomingAsync(activityId, 500)).First();
        var hold = await now.GetRequiredService<BookingLedger>().HoldAsync(new HoldRequest("+15550007001", slot.Id, 2));
        hold.Ok.ShouldBeTrue();
        var (pendingCode, pendingOutput, _) = await RunAsync(harness, "booking", "list", "--state", "pending", "--format", "json");
        pendingCode.ShouldBe(0);
        JsonDocument.Parse(pendingOutput).RootElement.EnumerateArray().Select(b => b.GetProperty("reference").GetString()).ShouldBe([hold.Booking!.Reference]);
        (await RunAsync(harness, "booking", "list", "--state", "maybe")).Code.ShouldBe(2);

        // Expire: a hold made at the harness's clock (long before now) is past its deadline: expired, its seats free.
        var old = await harness.SlotAsync(capacity: 5, slug: "old-tour");
        var stale = await harness.Get<BookingLedger>().HoldAsync(new HoldRequest("+15550007002", old.Id, 3));
        stale.Ok.ShouldBeTrue();
        var (expired, expireOutput, expireError) = await RunAsync(harness, "booking", "expire");
        expired.ShouldBe(0, expireError);
        expireOutput.ShouldContain("Expired 1 holds");
        var after = (await harness.Get<BookingLedger>().FindAsync(stale.Booking!.Reference, null))!;
        after.State.ShouldBe(BookingState.Expired);
        (await harness.Get<BookingLedger>().SlotAsync(old.Id))!.Held.ShouldBe(0);
        (await now.GetRequiredService<BookingLedger>().FindAsync(hold.Booking.Reference, null))!.State.ShouldBe(BookingState.Pending);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(BookingHarness harness, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            string[] all = [.. args, .. harness.Database.Settings().Select(kv => $"--{kv.Key}={kv.Value}"), "--Parley:Booking:Demo=false", "--Logging:LogLevel:Default=None"];
            var code = await CliApp.RunAsync(all);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
