using System.Net;
using Parley.Core.ApiKeys;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Api;

/// <summary>
/// The guests' routes under /api/v1/booking/guest with a real Identity session (the sign-in code read from the resort's
/// sandbox phone): activities and availability, hold, confirm (a WhatsApp confirmation follows), cancel; another guest's
/// reference is a 404 that changes nothing; past the deadlines the answers are 409s that say what to do.
/// </summary>
public sealed class BookingGuestApiTests
{
    private const string Ana = "+15550006001";
    private const string Ben = "+15550006002";

    [Fact]
    public async Task WithoutASession_Is401_AndAnApiKeyIsNoSession()
    {
        await using var host = await BookingApiHost.StartAsync(DatabaseKind.Sqlite);
        using var anonymous = await host.App.Client.GetAsync("/api/v1/booking/guest/activities");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var operatorKey = await host.App.ApiClientAsync(ApiScopes.Admin);
        (await operatorKey.GetAsync("/api/v1/booking/guest/bookings")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var forged = host.App.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ps_notASession");
        (await forged.GetAsync("/api/v1/booking/guest/bookings")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Browse_Hold_Confirm_Cancel_WithASignedInSession_AndAnotherGuestsReferenceIs404(DatabaseKind kind)
    {
        await using var host = await BookingApiHost.StartAsync(kind);
        using var ana = await host.GuestAsync(Ana);
        using var ben = await host.GuestAsync(Ben);

        // Browse: the demo resort's activities with live availability, in Spanish on request; one activity's slots.
        var activities = await ana.GetJsonAsync("/api/v1/booking/guest/activities?lang=es");
        activities.GetArrayLength().ShouldBe(10);
        (await host.MatchesTheDocumentAsync("/api/v1/booking/guest/activities", "get", 200, activities)).ShouldBeEmpty();
        var (activityId, slotId, startsAt) = await host.SlotAsync(seats: 4, after: TimeSpan.FromDays(3));
        var availability = await ana.GetJsonAsync($"/api/v1/booking/guest/activities/{activityId}");
        availability.GetProperty("slots").EnumerateArray().ShouldContain(s => s.Str("id") == slotId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        availability.GetProperty("activity").GetProperty("imageUrl").GetString()!.ShouldStartWith("/book/images/");
        (await host.MatchesTheDocumentAsync("/api/v1/booking/guest/activities/{id}", "get", 200, availability)).ShouldBeEmpty();
        (await ana.GetAsync("/api/v1/booking/guest/activities/987654321")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Refusals change nothing and name the field.
        var before = await host.SnapshotAsync(slotId);
        foreach (var (body, status, field) in new (object, HttpStatusCode, string)[]
        {
            (new { slotId, partySize = 0 }, HttpStatusCode.BadRequest, "partySize"),
            (new { slotId, partySize = -1 }, HttpStatusCode.BadRequest, "partySize"),
            (new { slotId, partySize = 1000 }, HttpStatusCode.BadRequest, "partySize"),
            (new { slotId = 987654321L, partySize = 1 }, HttpStatusCode.NotFound, "slotId"),
            (new { partySize = 1 }, HttpStatusCode.BadRequest, "slotId"),
        })
        {
            var (response, problem) = await ana.PostJsonAsync("/api/v1/booking/guest/bookings", body);
            response.StatusCode.ShouldBe(status, problem.ToString());
            problem.ErrorFields().ShouldContain(field);
        }

        (await host.SnapshotAsync(slotId)).ShouldBe(before);

        // Hold: a pending booking, in my bookings.
        var (held, booking) = await ana.PostJsonAsync("/api/v1/booking/guest/bookings", new { slotId, partySize = 2 });
        held.StatusCode.ShouldBe(HttpStatusCode.Created, booking.ToString());
        (await host.MatchesTheDocumentAsync("/api/v1/booking/guest/bookings", "post", 201, booking)).ShouldBeEmpty();
        var reference = booking.Str("reference");
        (booking.Str("state"), booking.Str("phone"), booking.Str("changedBy")).ShouldBe(("pending", Ana, "guest"));
        var mine = await ana.GetJsonAsync("/api/v1/booking/guest/bookings");
        mine.EnumerateArray().Select(b => b.Str("reference")).ShouldBe([reference]);
        (await host.MatchesTheDocumentAsync("/api/v1/booking/guest/bookings", "get", 200, mine)).ShouldBeEmpty();
        (await ben.GetJsonAsync("/api/v1/booking/guest/bookings")).GetArrayLength().ShouldBe(0);
        var afterHold = await host.SnapshotAsync(slotId);
        afterHold.ShouldBe((before.Held + 2, before.Confirmed, before.Bookings + 1));

        // Another guest's reference: 404 exactly like an unknown one, for reading, confirming and cancelling; nothing moves.
        foreach (var (method, url) in new[] { ("GET", $"/api/v1/booking/guest/bookings/{reference}"), ("POST", $"/api/v1/booking/guest/bookings/{reference}/confirm"), ("POST", $"/api/v1/booking/guest/bookings/{reference}/cancel") })
        {
            var (response, problem) = await ben.SendJsonAsync(new HttpMethod(method), url, method == "POST" ? new { } : null);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            problem.Str("detail").ShouldBe($"No booking {reference} of yours was found.");
            problem.ErrorFields().ShouldBe(["reference"]);
        }

        (await host.SnapshotAsync(slotId)).ShouldBe(afterHold);
        (await ana.GetJsonAsync($"/api/v1/booking/guest/bookings/{reference}")).Str("state").ShouldBe("pending");

        // Confirm: the seats move to confirmed and the WhatsApp confirmation arrives.
        var (confirmed, confirmedBooking) = await ana.PostJsonAsync($"/api/v1/booking/guest/bookings/{reference}/confirm");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, confirmedBooking.ToString());
        confirmedBooking.Str("state").ShouldBe("confirmed");
        (await host.SnapshotAsync(slotId)).ShouldBe((before.Held, before.Confirmed + 2, before.Bookings + 1));
        await host.Resort.WaitAsync(Ana, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains($"Booking {reference} is confirmed", StringComparison.Ordinal)));

        // A second confirmed booking, then past the cancellation deadline: 409 with when it closed; still confirmed.
        var (_, second) = await ana.PostJsonAsync("/api/v1/booking/guest/bookings", new { slotId, partySize = 1 });
        await ana.PostJsonAsync($"/api/v1/booking/guest/bookings/{second.Str("reference")}/confirm");
        var (cancelled, cancelledBooking) = await ana.PostJsonAsync($"/api/v1/booking/guest/bookings/{reference}/cancel", new { reason = "change of plans" });
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK, cancelledBooking.ToString());
        (cancelledBooking.Str("state"), cancelledBooking.Str("changeReason")).ShouldBe(("cancelled", "change of plans"));
        var beforeDeadline = await host.SnapshotAsync(slotId);
        beforeDeadline.ShouldBe((before.Held, before.Confirmed + 1, before.Bookings + 2));

        host.Clock.Advance(startsAt - TimeSpan.FromHours(23) - host.Clock.GetUtcNow());
        var (late, lateProblem) = await ana.PostJsonAsync($"/api/v1/booking/guest/bookings/{second.Str("reference")}/cancel");
        (late.StatusCode, lateProblem.Str("code")).ShouldBe((HttpStatusCode.Conflict, "cancellation_deadline_passed"));
        lateProblem.Str("detail").ShouldContain("Contact the resort");
        (await host.SnapshotAsync(slotId)).ShouldBe(beforeDeadline);
        (await ana.GetJsonAsync($"/api/v1/booking/guest/bookings/{second.Str("reference")}")).Str("state").ShouldBe("confirmed");

        // A hold confirmed after its deadline: 409 saying to book again; the seats are free at once.
        var (_, other, _) = await host.SlotAsync(seats: 3, after: TimeSpan.FromDays(2), slug: "kayak-mangroves");
        var (_, expiring) = await ana.PostJsonAsync("/api/v1/booking/guest/bookings", new { slotId = other, partySize = 3 });
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var (expired, expiredProblem) = await ana.PostJsonAsync($"/api/v1/booking/guest/bookings/{expiring.Str("reference")}/confirm");
        (expired.StatusCode, expiredProblem.Str("code")).ShouldBe((HttpStatusCode.Conflict, "hold_expired"));
        expiredProblem.Str("detail").ShouldContain("Book the slot again");
        (await host.SnapshotAsync(other)).Held.ShouldBe(0);
    }
}
