using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Parley.Booking.Model;
using Parley.Booking.Notifications;
using Parley.Booking.Store;
using Parley.Core.ApiKeys;

namespace Parley.Booking.Api;

/// <summary>
/// The resort's operator routes under <c>/api/v1/booking</c>: reads need an API key with <c>booking:read</c>, changes
/// <c>booking:write</c> (<c>admin</c> includes both). Seats move only through <see cref="BookingLedger"/>; guests hear of an
/// operator's confirmation or cancellation on WhatsApp (<see cref="BookingNotifier"/>).
/// </summary>
public static class BookingOperatorApi
{
    public const string Prefix = "/api/v1/booking";
    public const string Tag = "Booking";

    /// <param name="policyForScope">The host's authorization policy name for an API key scope.</param>
    public static RouteGroupBuilder MapBookingApi(this IEndpointRouteBuilder app, Func<string, string> policyForScope)
    {
        var group = app.MapGroup(Prefix).WithTags(Tag);
        var read = policyForScope(ApiScopes.BookingRead);
        var write = policyForScope(ApiScopes.BookingWrite);

        group.MapGet("/activities", ListActivitiesAsync).RequireAuthorization(read).WithName("BookingListActivities")
            .Produces<IReadOnlyList<ActivityView>>().WithSummary("Activities (?includeInactive=true also lists the deactivated ones).");
        group.MapGet("/activities/{id:long}", GetActivityAsync).RequireAuthorization(read).WithName("BookingGetActivity")
            .Produces<ActivityDetailsView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("An activity with its images and next slots.");
        group.MapPost("/activities", CreateActivityAsync).RequireAuthorization(write).WithName("BookingCreateActivity")
            .Produces<ActivityView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates an activity (409 when the slug is taken).");
        group.MapPatch("/activities/{id:long}", UpdateActivityAsync).RequireAuthorization(write).WithName("BookingUpdateActivity")
            .Produces<ActivityView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Changes an activity: the fields given; the slug stays. Prices change for new bookings only.");
        group.MapPost("/activities/{id:long}/deactivate", (long id, ActivityCatalog catalog, CancellationToken ct) => SetActiveAsync(id, false, catalog, ct))
            .RequireAuthorization(write).WithName("BookingDeactivateActivity").Produces<ActivityView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Stops offering an activity: guests no longer see or book it; existing bookings stay.");
        group.MapPost("/activities/{id:long}/activate", (long id, ActivityCatalog catalog, CancellationToken ct) => SetActiveAsync(id, true, catalog, ct))
            .RequireAuthorization(write).WithName("BookingActivateActivity").Produces<ActivityView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Offers a deactivated activity again.");

        group.MapGet("/slots", ListSlotsAsync).RequireAuthorization(read).WithName("BookingListSlots")
            .Produces<IReadOnlyList<SlotView>>().ProducesValidationProblem()
            .WithSummary("Slots with availability starting in a range of days (?activityId=&from=2026-01-12&to=2026-01-18, in the resort's zone; default: the next 7 days; at most 92 days).");
        group.MapPost("/activities/{id:long}/slots", GenerateSlotsAsync).RequireAuthorization(write).WithName("BookingGenerateSlots")
            .Produces<SlotPlanView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Generates recurring slots (days, times, dates) up to Parley:Booking:MaxGeneratedSlots; dryRun: true only counts them. Existing slots stay as they are.");
        group.MapPost("/slots/{id:long}/close", (long id, BookingLedger ledger, SlotSchedule slots, CancellationToken ct) => SetSlotStateAsync(id, SlotState.Closed, ledger, slots, ct))
            .RequireAuthorization(write).WithName("BookingCloseSlot").Produces<SlotView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Closes a slot for new holds (existing bookings stay).");
        group.MapPost("/slots/{id:long}/open", (long id, BookingLedger ledger, SlotSchedule slots, CancellationToken ct) => SetSlotStateAsync(id, SlotState.Open, ledger, slots, ct))
            .RequireAuthorization(write).WithName("BookingOpenSlot").Produces<SlotView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Opens a closed slot again.");

        group.MapGet("/bookings", ListBookingsAsync).RequireAuthorization(read).WithName("BookingListBookings")
            .Produces<BookingPageView>().ProducesValidationProblem()
            .WithSummary("Bookings, latest activity first (?state=&activityId=&phone=&from=&to=&limit=&cursor=); from/to filter the slot's day.");
        group.MapGet("/bookings/{reference}", GetBookingAsync).RequireAuthorization(read).WithName("BookingGetBooking")
            .Produces<BookingDetailsView>().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A booking by its reference, with its history.");
        group.MapPost("/bookings", CreateBookingAsync).RequireAuthorization(write).WithName("BookingCreateBooking")
            .Produces<BookingView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Holds seats for a guest (a pending booking that expires after Parley:Booking:PendingTimeout unless confirmed).");
        group.MapPost("/bookings/{reference}/confirm", ConfirmAsync).RequireAuthorization(write).WithName("BookingConfirmBooking")
            .Produces<BookingView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Confirms a pending booking before its hold expires; the guest gets a WhatsApp confirmation. An expired hold is a 409: book the slot again.");
        group.MapPost("/bookings/{reference}/cancel", CancelAsync).RequireAuthorization(write).WithName("BookingCancelBooking")
            .Produces<BookingView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels a pending or confirmed booking (operators may cancel after the guests' deadline, until the activity starts), with an optional reason; the guest is told on WhatsApp.");

        group.MapGet("/statistics", async (BookingQueries queries, CancellationToken ct) => Results.Ok(await queries.StatisticsAsync(ct)))
            .RequireAuthorization(read).WithName("BookingStatistics").Produces<BookingStatistics>()
            .WithSummary("Occupancy of the next 7 days, pending holds, and of the last 30 days' holds: confirmed, expired, cancelled and the hold-to-confirmed rate.");
        return group;
    }

    private static async Task<IResult> ListActivitiesAsync(bool? includeInactive, ActivityCatalog catalog, CancellationToken ct) =>
        Results.Ok((await catalog.ListAsync(includeInactive == true, ct)).Select(ActivityView.Of).ToList());

    private static async Task<IResult> GetActivityAsync(long id, ActivityCatalog catalog, SlotSchedule slots, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { } activity)
        {
            return NoActivity(id);
        }

        var images = (await catalog.ImagesAsync(id, ct)).Select(ActivityImageView.Of).ToList();
        var upcoming = (await slots.UpcomingAsync(id, 50, openOnly: false, ct)).Select(SlotView.Of).ToList();
        return Results.Ok(new ActivityDetailsView(ActivityView.Of(activity), images, upcoming));
    }

    private static async Task<IResult> CreateActivityAsync(ActivityRequest body, ActivityCatalog catalog, CancellationToken ct)
    {
        var errors = Validate(body, creating: true);
        if (errors.Count > 0)
        {
            return BookingProblems.Invalid(errors);
        }

        var slug = body.Slug!.Trim().ToLowerInvariant();
        if (await catalog.FindBySlugAsync(slug, ct) is not null)
        {
            return BookingProblems.Conflict("slug", $"An activity with the slug '{slug}' exists already; change it with PATCH.", "slug_taken");
        }

        var id = await catalog.SaveAsync(Apply(new Activity { Slug = slug, Name = "", Description = "", Category = "", Source = "api" }, body), ct);
        var created = (await catalog.FindAsync(id, ct))!;
        return Results.Created($"{Prefix}/activities/{id}", ActivityView.Of(created));
    }

    private static async Task<IResult> UpdateActivityAsync(long id, ActivityRequest body, ActivityCatalog catalog, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { } current)
        {
            return NoActivity(id);
        }

        var errors = Validate(body, creating: false);
        if (body.Slug is { } slug && !string.Equals(slug.Trim(), current.Slug, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(("slug", "The slug of an activity does not change; leave it out."));
        }

        if (errors.Count > 0)
        {
            return BookingProblems.Invalid(errors);
        }

        await catalog.SaveAsync(Apply(current, body), ct);
        return Results.Ok(ActivityView.Of((await catalog.FindAsync(id, ct))!));
    }

    private static async Task<IResult> SetActiveAsync(long id, bool active, ActivityCatalog catalog, CancellationToken ct) =>
        await catalog.SetActiveAsync(id, active, ct) ? Results.Ok(ActivityView.Of((await catalog.FindAsync(id, ct))!)) : NoActivity(id);

    private static async Task<IResult> ListSlotsAsync(long? activityId, string? from, string? to, SlotSchedule slots, ActivityCatalog catalog,
        IOptions<BookingOptions> options, TimeProvider time, CancellationToken ct)
    {
        var zone = options.Value.Zone();
        var first = BookingApiInput.Today(time, zone);
        if (from is { Length: > 0 } && !BookingApiInput.TryDay(from, out first))
        {
            return BookingProblems.Invalid("from", "'from' must be a day like 2026-01-12 (in the resort's time zone).");
        }

        var last = first.AddDays(6);
        if (to is { Length: > 0 } && !BookingApiInput.TryDay(to, out last))
        {
            return BookingProblems.Invalid("to", "'to' must be a day like 2026-01-18 (in the resort's time zone).");
        }

        if (last < first || last.DayNumber - first.DayNumber > 91)
        {
            return BookingProblems.Invalid("to", "'to' must be on or after 'from', and at most 92 days later.");
        }

        if (activityId is { } id && await catalog.FindAsync(id, ct) is null)
        {
            return BookingProblems.Invalid("activityId", $"There is no activity {id}.");
        }

        var found = await slots.BetweenAsync(BookingApiInput.Start(first, zone), BookingApiInput.Start(last.AddDays(1), zone), activityId, ct);
        return Results.Ok(found.Select(SlotView.Of).ToList());
    }

    private static async Task<IResult> GenerateSlotsAsync(long id, GenerateSlotsRequest body, SlotSchedule slots, ActivityCatalog catalog,
        IOptions<BookingOptions> options, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is null)
        {
            return NoActivity(id);
        }

        var (plan, field, error) = BookingApiInput.Plan(id, body.From, body.To, body.Times, body.Days, body.Capacity);
        if (plan is null)
        {
            return BookingProblems.Invalid(field!, error!);
        }

        var result = body.DryRun ? await slots.PreviewAsync(plan, ct) : await slots.GenerateAsync(plan, ct);
        if (!result.Ok)
        {
            // The remaining refusal is the cap: the dates (or the times) ask for too many slots.
            return BookingProblems.Invalid("to", result.Error!);
        }

        return Results.Ok(new SlotPlanView(body.DryRun, result.Starts.Count, result.Created, result.AlreadyThere, options.Value.MaxGeneratedSlots, result.Starts));
    }

    private static async Task<IResult> SetSlotStateAsync(long id, string state, BookingLedger ledger, SlotSchedule slots, CancellationToken ct) =>
        await slots.SetStateAsync(id, state, ct) && await ledger.SlotAsync(id, ct) is { } slot
            ? Results.Ok(SlotView.Of(slot))
            : BookingProblems.NotFound("id", $"There is no time slot {id}.");

    private static async Task<IResult> ListBookingsAsync(string? state, long? activityId, string? phone, string? from, string? to, int? limit, string? cursor,
        BookingQueries queries, BookingLedger ledger, IOptions<BookingOptions> options, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (state is { Length: > 0 } && !BookingState.IsValid(state))
        {
            errors.Add(("state", $"'state' must be one of {string.Join(", ", BookingState.All)}."));
        }

        var e164 = "";
        if (phone is { Length: > 0 } && !BookingApiInput.TryPhone(phone, out e164))
        {
            errors.Add(("phone", "'phone' must be a phone number in international form, like +15550001111."));
        }

        var zone = options.Value.Zone();
        DateOnly first = default, last = default;
        if (from is { Length: > 0 } && !BookingApiInput.TryDay(from, out first))
        {
            errors.Add(("from", "'from' must be a day like 2026-01-12 (in the resort's time zone)."));
        }

        if (to is { Length: > 0 } && !BookingApiInput.TryDay(to, out last))
        {
            errors.Add(("to", "'to' must be a day like 2026-01-18 (in the resort's time zone)."));
        }

        if (limit is < 1 or > 200)
        {
            errors.Add(("limit", "'limit' must be between 1 and 200."));
        }

        if (!BookingApiInput.TryCursor(cursor, out var offset))
        {
            errors.Add(("cursor", "'cursor' is not a cursor this API gave out; start again without it."));
        }

        if (errors.Count > 0)
        {
            return BookingProblems.Invalid(errors);
        }

        var size = limit ?? 50;
        var page = await queries.ListAsync(new BookingFilter
        {
            State = state is { Length: > 0 } ? state : null,
            ActivityId = activityId,
            Phone = e164.Length > 0 ? e164 : null,
            From = from is { Length: > 0 } ? BookingApiInput.Start(first, zone) : null,
            To = to is { Length: > 0 } ? BookingApiInput.Start(last.AddDays(1), zone) : null,
            Limit = size + 1,
            Offset = offset,
        }, ct);
        var items = page.Take(size).Select(b => BookingView.Of(b, ledger.CancelUntil(b))).ToList();
        return Results.Ok(new BookingPageView(items, page.Count > size ? BookingApiInput.Cursor(offset + size) : null));
    }

    private static async Task<IResult> GetBookingAsync(string reference, BookingLedger ledger, BookingQueries queries, CancellationToken ct)
    {
        if (await ledger.FindAsync(reference, null, ct) is not { } booking)
        {
            return NoBooking(reference);
        }

        return Results.Ok(new BookingDetailsView(BookingView.Of(booking, ledger.CancelUntil(booking)), await queries.HistoryAsync(booking.Id, ct)));
    }

    private static async Task<IResult> CreateBookingAsync(CreateBookingRequest body, ClaimsPrincipal user, BookingLedger ledger, PreferenceStore preferences, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (!BookingApiInput.TryPhone(body.Phone, out var phone))
        {
            errors.Add(("phone", "'phone' must be the guest's number in international form, like +15550001111."));
        }

        if (body.SlotId is null)
        {
            errors.Add(("slotId", "'slotId' is required: the id of a time slot (GET /api/v1/booking/slots)."));
        }

        if (body.PartySize is null)
        {
            errors.Add(("partySize", "'partySize' is required: how many people, at least 1."));
        }

        if (body.Language is { } language && language is not ("en" or "es"))
        {
            errors.Add(("language", "'language' must be en or es."));
        }

        if (errors.Count > 0)
        {
            return BookingProblems.Invalid(errors);
        }

        // Without a language given, the guest's own (from their chats with the resort), else English.
        var profile = await preferences.ProfileAsync(phone, ct);
        var result = await ledger.HoldAsync(new HoldRequest(phone, body.SlotId!.Value, body.PartySize!.Value)
        {
            GuestName = string.IsNullOrWhiteSpace(body.GuestName) ? profile.Name : body.GuestName.Trim(),
            Language = body.Language ?? (profile.Language is "es" ? "es" : "en"),
            Actor = Actor(user),
        }, ct);
        return result.Booking is { } booking
            ? Results.Created($"{Prefix}/bookings/{booking.Reference}", BookingView.Of(booking, ledger.CancelUntil(booking)))
            : BookingProblems.From(result.Error!, "slotId");
    }

    private static async Task<IResult> ConfirmAsync(string reference, ClaimsPrincipal user, BookingLedger ledger, BookingNotifier notifier, CancellationToken ct)
    {
        var before = await ledger.FindAsync(reference, null, ct);
        var result = await ledger.ConfirmAsync(reference, null, Actor(user), ct);
        if (result.Booking is not { } booking)
        {
            return BookingProblems.From(result.Error!);
        }

        if (before?.State != BookingState.Confirmed)
        {
            await notifier.NotifyAsync(booking, BookingNotice.Confirmed, ct: ct);
        }

        return Results.Ok(BookingView.Of(booking, ledger.CancelUntil(booking)));
    }

    private static async Task<IResult> CancelAsync(string reference, CancelBookingRequest? body, ClaimsPrincipal user, BookingLedger ledger, BookingNotifier notifier,
        TimeProvider time, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        if (reason is { Length: > 500 })
        {
            return BookingProblems.Invalid("reason", "'reason' may be at most 500 characters.");
        }

        if (await ledger.FindAsync(reference, null, ct) is { State: BookingState.Confirmed } confirmed && confirmed.SlotStartsAt <= time.GetUtcNow())
        {
            return BookingProblems.Conflict("reference", $"Booking {confirmed.Reference} has started (or taken place); it can no longer be cancelled.", BookingError.CancelDeadline);
        }

        var result = await ledger.CancelAsync(reference, null, Actor(user), reason, force: true, ct);
        if (result.Booking is not { } booking)
        {
            return BookingProblems.From(result.Error!);
        }

        await notifier.NotifyAsync(booking, BookingNotice.CancelledByResort, reason, ct);
        return Results.Ok(BookingView.Of(booking, ledger.CancelUntil(booking)));
    }

    private static List<(string, string)> Validate(ActivityRequest body, bool creating)
    {
        var errors = new List<(string, string)>();
        if (creating && (string.IsNullOrWhiteSpace(body.Slug) || body.Slug.Trim().Length > 60 || !body.Slug.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add(("slug", "'slug' is required: letters, digits and dashes, at most 60 (reef-snorkel)."));
        }

        Required(body.Name, "name", 120, creating, errors);
        Required(body.Description, "description", 4000, creating, errors);
        Required(body.Category, "category", 60, creating, errors);
        if (creating && body.PriceCents is null)
        {
            errors.Add(("priceCents", "'priceCents' is required: the price per person in cents (0 for free)."));
        }

        if (body.PriceCents is < 0)
        {
            errors.Add(("priceCents", "'priceCents' must not be negative."));
        }

        if ((creating && body.DurationMinutes is null) || body.DurationMinutes is < 1 or > 24 * 60 * 7)
        {
            errors.Add(("durationMinutes", "'durationMinutes' is required: at least 1."));
        }

        if ((creating && body.DefaultCapacity is null) || body.DefaultCapacity is < 1 or > 100_000)
        {
            errors.Add(("defaultCapacity", "'defaultCapacity' is required: the seats of a slot, at least 1."));
        }

        if (body.MinAge is < 0 or > 120)
        {
            errors.Add(("minAge", "'minAge' must be between 0 and 120."));
        }

        if (body.Currency is { } currency && (currency.Trim().Length != 3 || !currency.Trim().All(char.IsAsciiLetter)))
        {
            errors.Add(("currency", "'currency' must be a three-letter ISO 4217 code, like USD."));
        }

        return errors;
    }

    private static void Required(string? value, string field, int max, bool creating, List<(string, string)> errors)
    {
        if ((creating || value is not null) && string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, $"'{field}' is required."));
        }
        else if (value is { } v && v.Trim().Length > max)
        {
            errors.Add((field, $"'{field}' may be at most {max.ToString(CultureInfo.InvariantCulture)} characters."));
        }
    }

    private static Activity Apply(Activity current, ActivityRequest body) => current with
    {
        Name = body.Name?.Trim() ?? current.Name,
        NameEs = body.NameEs is null ? current.NameEs : (string.IsNullOrWhiteSpace(body.NameEs) ? null : body.NameEs.Trim()),
        Description = body.Description?.Trim() ?? current.Description,
        DescriptionEs = body.DescriptionEs is null ? current.DescriptionEs : (string.IsNullOrWhiteSpace(body.DescriptionEs) ? null : body.DescriptionEs.Trim()),
        Category = body.Category?.Trim().ToLowerInvariant() ?? current.Category,
        Tags = body.Tags is null ? current.Tags : string.Join(',', body.Tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0)),
        PriceCents = body.PriceCents ?? current.PriceCents,
        Currency = body.Currency?.Trim().ToUpperInvariant() ?? (current.Currency is { Length: > 0 } c ? c : "USD"),
        DurationMinutes = body.DurationMinutes ?? current.DurationMinutes,
        MeetingPoint = body.MeetingPoint?.Trim() ?? current.MeetingPoint,
        MinAge = body.MinAge ?? current.MinAge,
        DefaultCapacity = body.DefaultCapacity ?? current.DefaultCapacity,
        Active = body.Active ?? current.Active,
    };

    private static string Actor(ClaimsPrincipal user) => BookingActor.Operator("api:" + (user.Identity?.Name ?? "unknown"));

    private static IResult NoActivity(long id) => BookingProblems.NotFound("id", $"There is no activity {id.ToString(CultureInfo.InvariantCulture)}.");

    private static IResult NoBooking(string reference) => BookingProblems.NotFound("reference", $"There is no booking {BookingReferences.Normalize(reference)}.");
}
