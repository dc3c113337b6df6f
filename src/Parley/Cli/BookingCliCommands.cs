using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Booking;
using Parley.Booking.Api;
using Parley.Booking.Import;
using Parley.Booking.Jobs;
using Parley.Booking.Model;
using Parley.Booking.Store;

namespace Parley.Cli;

/// <summary><c>booking activities list|slots generate|list|expire|import</c>: the resort booking module (docs/booking.md).</summary>
public static class BookingCliCommands
{
    public static Command Create() => new("booking", "The resort: activities, time slots, bookings, the expiry of holds, importing a resort file.")
    {
        new Command("activities", "The resort's activities.") { ListActivities() },
        new Command("slots", "Time slots of the activities.") { GenerateSlots() },
        ListBookings(),
        Expire(),
        Import(),
    };

    private static Command ListActivities()
    {
        var format = CliOutput.FormatOption();
        var all = new Option<bool>("--all") { Description = "Also the deactivated activities." };
        var command = new Command("list", "List the activities with price, duration, capacity and free seats in their open future slots.") { format, all };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var activities = await host.Get<ActivityCatalog>().ListAsync(parse.GetValue(all), ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(activities.Select(ActivityView.Of).ToList());
                return CliOutput.Ok;
            }

            if (activities.Count == 0)
            {
                host.NoteEmpty("No activities", $"Import a resort with: {CliHelp.Run("booking import examples/resort.yaml")}");
                return CliOutput.Ok;
            }

            var availability = await host.Get<SlotSchedule>().AvailabilityAsync(ct);
            var table = new CliTable("Id", "Slug", "Name", "Category", "Price", "Minutes", "Capacity", "Free seats", "Active");
            foreach (var a in activities)
            {
                var free = availability.GetValueOrDefault(a.Id);
                table.Add(
                    Id(a.Id), a.Slug, a.Name, a.Category, $"{a.PriceCents / 100m:0.00} {a.Currency}", Id(a.DurationMinutes), Id(a.DefaultCapacity),
                    $"{Id(free.FreeSeats)} in {Id(free.OpenSlots)} slots", a.Active ? "yes" : "no");
            }

            table.Write();
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command GenerateSlots()
    {
        var activity = new Option<string>("--activity") { Description = "The activity: its id or slug (see booking activities list).", Required = true };
        var from = new Option<string>("--from") { Description = "The first day, like 2026-01-12 (in the resort's time zone).", Required = true };
        var to = new Option<string>("--to") { Description = "The last day (inclusive).", Required = true };
        var times = new Option<string>("--times") { Description = "Start times, comma-separated: 09:00,15:00.", Required = true };
        var days = new Option<string?>("--days") { Description = "Only these days of the week: mon,wed,fri (default: every day)." };
        var capacity = new Option<int?>("--capacity") { Description = "Seats per slot (default: the activity's capacity)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say how many slots would be created." };
        var command = new Command("generate", "Create recurring time slots (at most Parley:Booking:MaxGeneratedSlots at once; existing ones stay as they are).")
        {
            activity, from, to, times, days, capacity, dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var catalog = host.Get<ActivityCatalog>();
            var given = parse.GetRequiredValue(activity).Trim();
            var found = long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await catalog.FindAsync(id, ct)
                : await catalog.FindBySlugAsync(given, ct);
            if (found is null)
            {
                return CliOutput.Fail($"No activity '{given}'. See: {CliHelp.Run("booking activities list")}");
            }

            var (plan, field, error) = BookingApiInput.Plan(found.Id, parse.GetValue(from), parse.GetValue(to), [parse.GetRequiredValue(times)],
                parse.GetValue(days) is { } d ? [d] : null, parse.GetValue(capacity));
            if (plan is null)
            {
                return CliOutput.UsageError($"--{field}: {error}");
            }

            var slots = host.Get<SlotSchedule>();
            var preview = await slots.PreviewAsync(plan, ct);
            if (!preview.Ok)
            {
                return CliOutput.Fail(preview.Error!);
            }

            var seats = plan.Capacity ?? found.DefaultCapacity;
            var zone = host.Get<IOptions<BookingOptions>>().Value.Zone();
            var span = preview.Starts.Count == 0
                ? ""
                : $", {TimeZoneInfo.ConvertTime(preview.Starts[0], zone):yyyy-MM-dd HH:mm} to {TimeZoneInfo.ConvertTime(preview.Starts[^1], zone):yyyy-MM-dd HH:mm} ({zone.Id})";
            if (parse.GetValue(dryRun))
            {
                Console.WriteLine($"Would create up to {Id(preview.Starts.Count)} slots of {found.Slug} with {Id(seats)} seats each{span} (limit {Id(host.Get<IOptions<BookingOptions>>().Value.MaxGeneratedSlots)}). Nothing was changed.");
                return CliOutput.Ok;
            }

            var made = await slots.GenerateAsync(plan, ct);
            if (!made.Ok)
            {
                return CliOutput.Fail(made.Error!);
            }

            Console.WriteLine($"Created {Id(made.Created)} slots of {found.Slug} with {Id(seats)} seats each{span}; {Id(made.AlreadyThere)} were already there.");
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command ListBookings()
    {
        var format = CliOutput.FormatOption();
        var state = new Option<string?>("--state") { Description = $"Only bookings in this state: {string.Join(", ", BookingState.All)}." };
        var activity = new Option<long?>("--activity") { Description = "Only bookings of this activity (its id)." };
        var phone = new Option<string?>("--phone") { Description = "Only this guest's bookings (+15550001111)." };
        var limit = new Option<int>("--limit") { Description = "At most this many, latest activity first (default 200).", DefaultValueFactory = _ => 200 };
        state.AcceptOnlyFromAmong([.. BookingState.All]);
        var command = new Command("list", "List bookings with their state, guest, activity, time and party size.") { format, state, activity, phone, limit };
        command.SetAction(async (parse, ct) =>
        {
            string? e164 = null;
            if (parse.GetValue(phone) is { Length: > 0 } given)
            {
                if (!BookingApiInput.TryPhone(given, out var parsed))
                {
                    return CliOutput.UsageError("--phone must be a phone number in international form, like +15550001111.");
                }

                e164 = parsed;
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var ledger = host.Get<BookingLedger>();
            var bookings = await host.Get<BookingQueries>().ListAsync(new BookingFilter
            {
                State = parse.GetValue(state),
                ActivityId = parse.GetValue(activity),
                Phone = e164,
                Limit = Math.Clamp(parse.GetValue(limit), 1, 5000),
            }, ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(bookings.Select(b => BookingView.Of(b, ledger.CancelUntil(b))).ToList());
                return CliOutput.Ok;
            }

            if (bookings.Count == 0)
            {
                host.NoteEmpty(parse.GetValue(state) is { } s ? $"No {s} bookings" : "No bookings");
                return CliOutput.Ok;
            }

            var zone = host.Get<IOptions<BookingOptions>>().Value.Zone();
            var table = new CliTable("Reference", "State", "Guest", "Activity", "Starts", "Party", "Total", "Hold expires");
            foreach (var b in bookings)
            {
                table.Add(
                    b.Reference, b.State, b.Phone, b.ActivityName, TimeZoneInfo.ConvertTime(b.SlotStartsAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Id(b.PartySize), $"{b.TotalCents / 100m:0.00} {b.Currency}",
                    b.State == BookingState.Pending ? TimeZoneInfo.ConvertTime(b.HoldExpiresAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "");
            }

            table.Write();
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command Expire()
    {
        var command = new Command("expire", "Run the booking jobs now: expire the holds past their deadline (the guests are told and the seats freed), complete ended bookings, send due reminders.");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var result = await host.Get<BookingJobs>().RunNowAsync(ct);
            Console.WriteLine($"Expired {Id(result.Expired)} holds, completed {Id(result.Completed)} bookings, sent {Id(result.Reminded)} reminders.");
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "A resort YAML file (activities, images, slot rules), like examples/resort.yaml." };
        var command = new Command("import", "Import a resort: activities are updated by slug, new images added, the slot rules' slots created; with any mistake in the file nothing is imported.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CliOutput.UsageError($"No file {path.FullName}.");
            }

            ResortFile resort;
            try
            {
                resort = ResortImporter.Parse(await File.ReadAllTextAsync(path.FullName, ct), path.Name);
            }
            catch (FormatException ex)
            {
                return CliOutput.Fail(ex.Message);
            }

            // The image files are checked before anything is written, so a missing or wrong file imports nothing.
            foreach (var (activity, image) in resort.Activities.SelectMany(a => a.Images.Where(i => i.Paint is null).Select(i => (a, i))))
            {
                var imagePath = Path.GetFullPath(Path.Combine(path.DirectoryName ?? ".", image.File ?? ""));
                if (string.IsNullOrWhiteSpace(image.File) || !File.Exists(imagePath))
                {
                    return CliOutput.Fail($"{path.Name}: activity '{activity.Slug}': image file '{image.File}' was not found (next to the YAML). Nothing was imported.");
                }

                var head = new byte[8];
                await using (var stream = File.OpenRead(imagePath))
                {
                    await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
                }

                if (ImageSniffer.MimeType(head) is null)
                {
                    return CliOutput.Fail($"{path.Name}: activity '{activity.Slug}': '{image.File}' is not a JPEG or PNG image. Nothing was imported.");
                }
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var summary = await host.Get<ResortImporter>().ImportAsync(resort, path.DirectoryName, "import", ct);
            Console.WriteLine($"Imported {summary}.");
            return CliOutput.Ok;
        });
        return command;
    }

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
}
