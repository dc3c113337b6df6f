using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Parley.Booking.Model;
using Parley.Booking.Notifications;
using Parley.Booking.Store;
using Parley.Identity;

namespace Parley.Booking.Api;

/// <summary>
/// The guests' routes under <c>/api/v1/booking/guest</c>, for a person signed in with a WhatsApp code (Identity's session:
/// the <c>parley_session</c> cookie or <c>Authorization: Bearer ps_…</c>): activities with live availability, their own
/// bookings, hold, confirm, cancel — the same rules as the web app <c>/book</c>. Another guest's reference is a 404, as an
/// unknown one.
/// </summary>
public static class BookingGuestApi
{
    public const string Prefix = "/api/v1/booking/guest";
    public const string Tag = "Booking (guests)";

    public static RouteGroupBuilder MapBookingGuestApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags(Tag).RequireAuthorization(IdentityPolicies.SignedIn);

        group.MapGet("/activities", ActivitiesAsync).WithName("BookingGuestActivities").Produces<IReadOnlyList<GuestActivityView>>()
            .WithSummary("The activities on offer with live availability (?lang=es for Spanish names).");
        group.MapGet("/activities/{id:long}", AvailabilityAsync).WithName("BookingGuestAvailability").Produces<GuestAvailabilityView>()
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("An activity and its bookable slots with the free seats of each.");
        group.MapGet("/bookings", MineAsync).WithName("BookingGuestBookings").Produces<IReadOnlyList<BookingView>>()
            .WithSummary("My bookings: the upcoming first (soonest first), then the past.");
        group.MapGet("/bookings/{reference}", OneAsync).WithName("BookingGuestBooking").Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One of my bookings.");
        group.MapPost("/bookings", HoldAsync).WithName("BookingGuestHold").Produces<BookingView>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Holds seats in a slot: a pending booking to confirm before holdExpiresAt. A full, closed or started slot is a 409; a party size below 1 or above the slot's seats a 400.");
        group.MapPost("/bookings/{reference}/confirm", ConfirmAsync).WithName("BookingGuestConfirm").Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Confirms my pending booking; a WhatsApp confirmation follows. After holdExpiresAt: 409 (code hold_expired), the seats are released: book again.");
        group.MapPost("/bookings/{reference}/cancel", CancelAsync).WithName("BookingGuestCancel").Produces<BookingView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels my booking: a pending one at any time, a confirmed one until cancelUntil (after it: 409, code cancellation_deadline_passed).");
        return group;
    }

    private static async Task<IResult> ActivitiesAsync(string? lang, ActivityCatalog catalog, SlotSchedule slots, CancellationToken ct)
    {
        var language = Language(lang);
        var availability = await slots.AvailabilityAsync(ct);
        var images = await catalog.PrimaryImagesAsync(ct);
        return Results.Ok((await catalog.ListAsync(false, ct))
            .Select(a => GuestActivityView.Of(a, language, availability.GetValueOrDefault(a.Id), images.GetValueOrDefault(a.Id)))
            .ToList());
    }

    private static async Task<IResult> AvailabilityAsync(long id, string? lang, ActivityCatalog catalog, SlotSchedule slots, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { Active: true } activity)
        {
            return BookingProblems.NotFound("id", $"There is no activity {id} on offer.");
        }

        var open = await slots.UpcomingAsync(id, 100, openOnly: true, ct);
        var images = await catalog.ImagesAsync(id, ct);
        var free = (open.Where(s => s.Available > 0).Sum(s => s.Available), open.Count(s => s.Available > 0));
        return Results.Ok(new GuestAvailabilityView(GuestActivityView.Of(activity, Language(lang), free, images.FirstOrDefault()), open.Select(SlotView.Of).ToList()));
    }

    private static async Task<IResult> MineAsync(ClaimsPrincipal user, BookingQueries queries, BookingLedger ledger, CancellationToken ct) =>
        Results.Ok((await queries.ForGuestAsync(Phone(user), ct)).Select(b => BookingView.Of(b, ledger.CancelUntil(b))).ToList());

    private static async Task<IResult> OneAsync(string reference, ClaimsPrincipal user, BookingLedger ledger, CancellationToken ct) =>
        await ledger.FindAsync(reference, Phone(user), ct) is { } booking
            ? Results.Ok(BookingView.Of(booking, ledger.CancelUntil(booking)))
            : NotMine(reference);

    private static async Task<IResult> HoldAsync(GuestHoldRequest body, ClaimsPrincipal user, BookingLedger ledger, PreferenceStore preferences, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (body.SlotId is null)
        {
            errors.Add(("slotId", "'slotId' is required: a slot of GET /api/v1/booking/guest/activities/{id}."));
        }

        if (body.PartySize is null)
        {
            errors.Add(("partySize", "'partySize' is required: how many people, at least 1."));
        }

        if (errors.Count > 0)
        {
            return BookingProblems.Invalid(errors);
        }

        var phone = Phone(user);
        var profile = await preferences.ProfileAsync(phone, ct);
        var result = await ledger.HoldAsync(new HoldRequest(phone, body.SlotId!.Value, body.PartySize!.Value)
        {
            GuestName = profile.Name,
            Language = profile.Language is "es" ? "es" : "en",
            Actor = BookingActor.Guest,
        }, ct);
        return result.Booking is { } booking
            ? Results.Created($"{Prefix}/bookings/{booking.Reference}", BookingView.Of(booking, ledger.CancelUntil(booking)))
            : BookingProblems.From(result.Error!, "slotId");
    }

    private static async Task<IResult> ConfirmAsync(string reference, ClaimsPrincipal user, BookingLedger ledger, BookingNotifier notifier, CancellationToken ct)
    {
        var phone = Phone(user);
        var before = await ledger.FindAsync(reference, phone, ct);
        if (before is null)
        {
            return NotMine(reference);
        }

        var result = await ledger.ConfirmAsync(reference, phone, BookingActor.Guest, ct);
        if (result.Booking is not { } booking)
        {
            return BookingProblems.From(result.Error!);
        }

        if (before.State != BookingState.Confirmed)
        {
            await notifier.NotifyAsync(booking, BookingNotice.Confirmed, ct: ct);
        }

        return Results.Ok(BookingView.Of(booking, ledger.CancelUntil(booking)));
    }

    private static async Task<IResult> CancelAsync(string reference, CancelBookingRequest? body, ClaimsPrincipal user, BookingLedger ledger, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        if (reason is { Length: > 500 })
        {
            return BookingProblems.Invalid("reason", "'reason' may be at most 500 characters.");
        }

        var result = await ledger.CancelAsync(reference, Phone(user), BookingActor.Guest, reason, force: false, ct);
        return result.Booking is { } booking ? Results.Ok(BookingView.Of(booking, ledger.CancelUntil(booking))) : BookingProblems.From(result.Error!);
    }

    private static string Phone(ClaimsPrincipal user) =>
        user.FindFirst(IdentityClaims.Phone)?.Value ?? throw new InvalidOperationException("A signed-in request carries the phone claim (IdentityPolicies.SignedIn).");

    private static string Language(string? lang) => lang is "es" ? "es" : "en";

    private static IResult NotMine(string reference) =>
        BookingProblems.NotFound("reference", $"No booking {BookingReferences.Normalize(reference)} of yours was found.");
}
