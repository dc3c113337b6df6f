using System.Globalization;
using System.Net;
using System.Text.Json;
using Parley.Booking.Store;
using Parley.Core.ApiKeys;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Api;

/// <summary>
/// The operator routes under /api/v1/booking: scopes booking:read / booking:write (401 without a key, 403 without the
/// scope, and a refused write changes nothing), activities, slot generation with its preview and cap, bookings with
/// filters and paging, confirm/cancel with the guest told on WhatsApp, and every refusal leaving the seats as they were.
/// </summary>
public sealed class BookingOperatorApiTests
{
    private const string Guest = "+15550004444";

    [Fact]
    public async Task Scopes_NoKeyIs401_TheOtherScopesAre403_AndARefusedWriteCreatesNothing()
    {
        await using var host = await BookingApiHost.StartAsync(DatabaseKind.Sqlite);
        var app = host.App;
        var newActivity = new { slug = "sunset-sail", name = "Sunset sail", description = "Two hours on the bay.", category = "sea", priceCents = 6000, durationMinutes = 120, defaultCapacity = 8 };

        using var none = await app.Client.GetAsync("/api/v1/booking/activities");
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        none.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        foreach (var scope in new[] { ApiScopes.Read, ApiScopes.ClinicRead, ApiScopes.BookingWrite })
        {
            using var other = await app.ApiClientAsync(scope);
            (await other.GetAsync("/api/v1/booking/activities")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, scope);
            (await other.GetAsync("/api/v1/booking/statistics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, scope);
        }

        using var reader = await app.ApiClientAsync(ApiScopes.BookingRead);
        var before = (await reader.GetJsonAsync("/api/v1/booking/activities?includeInactive=true")).GetArrayLength();
        var (refused, problem) = await reader.PostJsonAsync("/api/v1/booking/activities", newActivity);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        problem.Str("detail").ShouldContain("booking:write");
        (await reader.GetJsonAsync("/api/v1/booking/activities?includeInactive=true")).GetArrayLength().ShouldBe(before);

        // The API gives keys the booking scopes too.
        using var admin = await app.ApiClientAsync(ApiScopes.Admin);
        var (keyCreated, key) = await admin.PostJsonAsync("/api/v1/api-keys", new { name = "front-desk", scopes = new[] { "booking:read", "booking:write" } });
        keyCreated.StatusCode.ShouldBe(HttpStatusCode.Created, key.ToString());

        using var writer = await app.ApiClientAsync(ApiScopes.BookingWrite);
        (await writer.PostJsonAsync("/api/v1/booking/activities", newActivity)).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.GetJsonAsync("/api/v1/booking/activities?includeInactive=true")).GetArrayLength().ShouldBe(before + 1);
    }

    [Fact]
    public async Task Activities_CreateUpdateDeactivate_SlotsPreviewedThenGenerated_AndTheCapRefusesWithoutCreating()
    {
        await using var host = await BookingApiHost.StartAsync(DatabaseKind.Sqlite);
        using var api = await host.App.ApiClientAsync(ApiScopes.BookingRead, ApiScopes.BookingWrite);

        // Bad input names each field and creates nothing.
        var count = (await api.GetJsonAsync("/api/v1/booking/activities?includeInactive=true")).GetArrayLength();
        var (invalid, problem) = await api.PostJsonAsync("/api/v1/booking/activities", new { slug = "no spaces!", priceCents = -1, durationMinutes = 0, defaultCapacity = 0 });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["slug", "name", "description", "category", "priceCents", "durationMinutes", "defaultCapacity"], ignoreOrder: true);
        (await api.GetJsonAsync("/api/v1/booking/activities?includeInactive=true")).GetArrayLength().ShouldBe(count);

        var (created, activity) = await api.PostJsonAsync("/api/v1/booking/activities", new
        {
            slug = "sunset-sail", name = "Sunset sail", nameEs = "Velero al atardecer", description = "Two hours on the bay.", category = "Sea",
            tags = new[] { "sea", "romantic" }, priceCents = 6000, currency = "usd", durationMinutes = 120, meetingPoint = "Pier", defaultCapacity = 8,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, activity.ToString());
        var id = activity.Str("id");
        activity.Str("category").ShouldBe("sea");
        activity.Str("currency").ShouldBe("USD");
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/booking/activities/{id}");
        (await host.MatchesTheDocumentAsync("/api/v1/booking/activities", "post", 201, activity)).ShouldBeEmpty();

        var (taken, takenProblem) = await api.PostJsonAsync("/api/v1/booking/activities", new { slug = "sunset-sail", name = "x", description = "x", category = "x", priceCents = 1, durationMinutes = 1, defaultCapacity = 1 });
        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        takenProblem.ErrorFields().ShouldBe(["slug"]);
        (await api.GetJsonAsync($"/api/v1/booking/activities/{id}")).GetProperty("activity").Str("name").ShouldBe("Sunset sail");

        var (patched, updated) = await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/booking/activities/{id}", new { priceCents = 6500, meetingPoint = "North pier" });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, updated.ToString());
        (updated.GetProperty("priceCents").GetInt64(), updated.Str("meetingPoint"), updated.Str("name")).ShouldBe((6500L, "North pier", "Sunset sail"));
        (await api.SendJsonAsync(HttpMethod.Patch, "/api/v1/booking/activities/999999", new { priceCents = 1 })).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Slots: the preview counts and creates nothing; the generation creates exactly those; again, none.
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var plan = new { from = Day(today.AddDays(1)), to = Day(today.AddDays(14)), times = new[] { "09:00", "15:00" }, days = new[] { "mon", "wed", "fri" }, capacity = 6 };
        var (previewed, preview) = await api.PostJsonAsync($"/api/v1/booking/activities/{id}/slots", new { plan.from, plan.to, plan.times, plan.days, plan.capacity, dryRun = true });
        previewed.StatusCode.ShouldBe(HttpStatusCode.OK, preview.ToString());
        var expected = Enumerable.Range(1, 14).Select(today.AddDays).Count(d => d.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday) * 2;
        (preview.GetProperty("count").GetInt32(), preview.GetProperty("created").GetInt32(), preview.GetProperty("dryRun").GetBoolean()).ShouldBe((expected, 0, true));
        var slotsUrl = $"/api/v1/booking/slots?activityId={id}&from={plan.from}&to={plan.to}";
        (await api.GetJsonAsync(slotsUrl)).GetArrayLength().ShouldBe(0);

        var (_, generated) = await api.PostJsonAsync($"/api/v1/booking/activities/{id}/slots", plan);
        (generated.GetProperty("created").GetInt32(), generated.GetProperty("alreadyThere").GetInt32()).ShouldBe((expected, 0));
        var slots = await api.GetJsonAsync(slotsUrl);
        slots.GetArrayLength().ShouldBe(expected);
        (slots[0].GetProperty("capacity").GetInt32(), slots[0].GetProperty("available").GetInt32(), slots[0].Str("state")).ShouldBe((6, 6, "open"));
        (await host.MatchesTheDocumentAsync("/api/v1/booking/slots", "get", 200, slots)).ShouldBeEmpty();
        var (_, again) = await api.PostJsonAsync($"/api/v1/booking/activities/{id}/slots", plan);
        (again.GetProperty("created").GetInt32(), again.GetProperty("alreadyThere").GetInt32()).ShouldBe((0, expected));

        // A plan over the cap (Parley:Booking:MaxGeneratedSlots, 500) is refused, previewed or not, and creates nothing.
        foreach (var dryRun in new[] { true, false })
        {
            var (capped, capProblem) = await api.PostJsonAsync($"/api/v1/booking/activities/{id}/slots",
                new { from = Day(today.AddDays(1)), to = Day(today.AddDays(300)), times = new[] { "08:00", "12:00" }, dryRun });
            capped.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            capProblem.GetProperty("errors").GetProperty("to")[0].GetString()!.ShouldContain("more than the limit of 500");
        }

        (await api.GetJsonAsync($"/api/v1/booking/slots?activityId={id}&from={Day(today)}&to={Day(today.AddDays(91))}")).GetArrayLength().ShouldBe(expected);
        var (badTimes, badTimesProblem) = await api.PostJsonAsync($"/api/v1/booking/activities/{id}/slots", new { from = Day(today), to = Day(today), times = new[] { "25:00" } });
        (badTimes.StatusCode, badTimesProblem.ErrorFields().Single()).ShouldBe((HttpStatusCode.BadRequest, "times"));
        (await api.PostJsonAsync("/api/v1/booking/activities/999999/slots", plan)).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (badRange, badRangeProblem) = await api.SendJsonAsync(HttpMethod.Get, $"/api/v1/booking/slots?from={Day(today)}&to=tomorrow");
        (badRange.StatusCode, badRangeProblem.ErrorFields().Single()).ShouldBe((HttpStatusCode.BadRequest, "to"));

        // Deactivated: gone from the default list (and from guests), kept with includeInactive.
        var (_, deactivated) = await api.PostJsonAsync($"/api/v1/booking/activities/{id}/deactivate");
        deactivated.GetProperty("active").GetBoolean().ShouldBeFalse();
        (await api.GetJsonAsync("/api/v1/booking/activities")).EnumerateArray().ShouldNotContain(a => a.Str("id") == id);
        (await api.GetJsonAsync("/api/v1/booking/activities?includeInactive=true")).EnumerateArray().ShouldContain(a => a.Str("id") == id);
        (await api.PostJsonAsync("/api/v1/booking/activities/999999/deactivate")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Holds_Refusals_ChangeNothing_AndNameTheField_ConfirmAndCancelTellTheGuest(DatabaseKind kind)
    {
        await using var host = await BookingApiHost.StartAsync(kind);
        using var api = await host.App.ApiClientAsync(ApiScopes.BookingRead, ApiScopes.BookingWrite);
        await host.TalkAsync(Guest);
        var (_, slotId, startsAt) = await host.SlotAsync(seats: 6, after: TimeSpan.FromDays(3));
        var capacity = (await host.App.Get<BookingLedger>().SlotAsync(slotId))!.Capacity;
        var before = await host.SnapshotAsync(slotId);

        // Party size 0, negative, above the slot's seats; an unknown slot; a bad number; nothing given.
        foreach (var (body, status, field) in new (object Body, HttpStatusCode Status, string Field)[]
        {
            (new { phone = Guest, slotId, partySize = 0 }, HttpStatusCode.BadRequest, "partySize"),
            (new { phone = Guest, slotId, partySize = -2 }, HttpStatusCode.BadRequest, "partySize"),
            (new { phone = Guest, slotId, partySize = capacity + 1 }, HttpStatusCode.BadRequest, "partySize"),
            (new { phone = Guest, slotId = 987654321L, partySize = 1 }, HttpStatusCode.NotFound, "slotId"),
            (new { phone = "555", slotId, partySize = 1 }, HttpStatusCode.BadRequest, "phone"),
            (new { phone = Guest, partySize = 1 }, HttpStatusCode.BadRequest, "slotId"),
        })
        {
            var (response, problem) = await api.PostJsonAsync("/api/v1/booking/bookings", body);
            response.StatusCode.ShouldBe(status, problem.ToString());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            problem.ErrorFields().ShouldContain(field);
            (await host.SnapshotAsync(slotId)).ShouldBe(before);
        }

        // A hold takes the seats; more than are left is a 409 naming the party size, and changes nothing.
        var (held, booking) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone = Guest, slotId, partySize = capacity - 1, guestName = "Ana" });
        held.StatusCode.ShouldBe(HttpStatusCode.Created, booking.ToString());
        (await host.MatchesTheDocumentAsync("/api/v1/booking/bookings", "post", 201, booking)).ShouldBeEmpty();
        var reference = booking.Str("reference");
        booking.Str("state").ShouldBe("pending");
        booking.Str("changedBy").ShouldStartWith("operator:api:");
        var afterHold = await host.SnapshotAsync(slotId);
        afterHold.ShouldBe((capacity - 1, 0, before.Bookings + 1));
        var (full, fullProblem) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone = Guest, slotId, partySize = 2 });
        (full.StatusCode, fullProblem.Str("code"), fullProblem.ErrorFields().Single()).ShouldBe((HttpStatusCode.Conflict, "slot_full", "partySize"));
        (await host.SnapshotAsync(slotId)).ShouldBe(afterHold);

        // A closed slot refuses, and opens again.
        (await api.PostJsonAsync($"/api/v1/booking/slots/{slotId}/close")).Json.Str("state").ShouldBe("closed");
        var (closed, closedProblem) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone = Guest, slotId, partySize = 1 });
        (closed.StatusCode, closedProblem.Str("code"), closedProblem.ErrorFields().Single()).ShouldBe((HttpStatusCode.Conflict, "slot_closed", "slotId"));
        (await host.SnapshotAsync(slotId)).ShouldBe(afterHold);
        (await api.PostJsonAsync($"/api/v1/booking/slots/{slotId}/open")).Json.Str("state").ShouldBe("open");
        (await api.PostJsonAsync("/api/v1/booking/slots/987654321/close")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Unknown references: 404 naming the reference, for reading, confirming and cancelling.
        foreach (var (method, url) in new[] { ("GET", "/api/v1/booking/bookings/RZZZZZZ"), ("POST", "/api/v1/booking/bookings/RZZZZZZ/confirm"), ("POST", "/api/v1/booking/bookings/RZZZZZZ/cancel") })
        {
            var (response, problem) = await api.SendJsonAsync(new HttpMethod(method), url, method == "POST" ? new { } : null);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            problem.ErrorFields().ShouldBe(["reference"]);
        }

        // Confirm: the seats move to confirmed, the guest gets the WhatsApp confirmation; the history says who.
        var (confirmed, confirmedBooking) = await api.PostJsonAsync($"/api/v1/booking/bookings/{reference}/confirm");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, confirmedBooking.ToString());
        confirmedBooking.Str("state").ShouldBe("confirmed");
        (await host.SnapshotAsync(slotId)).ShouldBe((0, capacity - 1, before.Bookings + 1));
        await host.Resort.WaitAsync(Guest, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains($"Booking {reference} is confirmed", StringComparison.Ordinal)));
        var details = await api.GetJsonAsync($"/api/v1/booking/bookings/{reference.ToLowerInvariant()}");
        details.GetProperty("history").EnumerateArray().Select(h => h.Str("toState")).ShouldBe(["pending", "confirmed"]);
        (await host.MatchesTheDocumentAsync("/api/v1/booking/bookings/{reference}", "get", 200, details)).ShouldBeEmpty();

        // An expired hold cannot be confirmed: 409 with what to do, the seats released, nothing confirmed.
        var (otherActivity, otherSlot, _) = await host.SlotAsync(seats: 2, after: TimeSpan.FromDays(4), slug: "kayak-mangroves");
        var (_, pending) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone = Guest, slotId = otherSlot, partySize = 2 });
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var (late, lateProblem) = await api.PostJsonAsync($"/api/v1/booking/bookings/{pending.Str("reference")}/confirm");
        (late.StatusCode, lateProblem.Str("code")).ShouldBe((HttpStatusCode.Conflict, "hold_expired"));
        lateProblem.Str("detail").ShouldContain("Book the slot again");
        lateProblem.ErrorFields().ShouldBe(["reference"]);
        (await host.SnapshotAsync(otherSlot)).ShouldBe((0, 0, before.Bookings + 2));
        (await api.GetJsonAsync($"/api/v1/booking/bookings/{pending.Str("reference")}")).GetProperty("booking").Str("state").ShouldBe("expired");
        otherActivity.ShouldBeGreaterThan(0);

        // The operator cancels after the guests' deadline (the resort may), with a reason the guest is told.
        host.Clock.Advance(startsAt - TimeSpan.FromHours(2) - host.Clock.GetUtcNow());
        await host.TalkAsync(Guest);
        var (cancelled, cancelledBooking) = await api.PostJsonAsync($"/api/v1/booking/bookings/{reference}/cancel", new { reason = "storm warning" });
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK, cancelledBooking.ToString());
        (cancelledBooking.Str("state"), cancelledBooking.Str("changeReason")).ShouldBe(("cancelled", "storm warning"));
        (await host.SnapshotAsync(slotId)).ShouldBe((0, 0, before.Bookings + 2));
        await host.Resort.WaitAsync(Guest, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains($"Booking {reference}", StringComparison.Ordinal)
            && (m.Text ?? "").Contains("storm warning", StringComparison.Ordinal)));
        var (twice, twiceProblem) = await api.PostJsonAsync($"/api/v1/booking/bookings/{reference}/cancel");
        (twice.StatusCode, twiceProblem.Str("code")).ShouldBe((HttpStatusCode.Conflict, "booking_final"));

        // A slot that has started refuses holds.
        host.Clock.Advance(TimeSpan.FromHours(3));
        var (past, pastProblem) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone = Guest, slotId, partySize = 1 });
        (past.StatusCode, pastProblem.Str("code"), pastProblem.ErrorFields().Single()).ShouldBe((HttpStatusCode.Conflict, "slot_past", "slotId"));
        (await host.SnapshotAsync(slotId)).ShouldBe((0, 0, before.Bookings + 2));
    }

    [Fact]
    public async Task Bookings_AreFilteredAndPaged_AndTheStatisticsCountThem()
    {
        await using var host = await BookingApiHost.StartAsync(DatabaseKind.Sqlite);
        using var api = await host.App.ApiClientAsync(ApiScopes.BookingRead, ApiScopes.BookingWrite);
        var (activityId, slotId, startsAt) = await host.SlotAsync(seats: 5, after: TimeSpan.FromDays(2));
        var references = new List<string>();
        foreach (var phone in new[] { "+15550005001", "+15550005002", "+15550005003" })
        {
            var (_, b) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone, slotId, partySize = 1 });
            references.Add(b.Str("reference"));
        }

        await api.PostJsonAsync($"/api/v1/booking/bookings/{references[0]}/confirm");

        var first = await api.GetJsonAsync($"/api/v1/booking/bookings?activityId={activityId}&limit=2");
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        (await host.MatchesTheDocumentAsync("/api/v1/booking/bookings", "get", 200, first)).ShouldBeEmpty();
        var second = await api.GetJsonAsync($"/api/v1/booking/bookings?activityId={activityId}&limit=2&cursor={first.Str("nextCursor")}");
        second.GetProperty("items").GetArrayLength().ShouldBe(1);
        (!second.TryGetProperty("nextCursor", out var end) || end.ValueKind == JsonValueKind.Null).ShouldBeTrue("the last page has no next cursor");
        first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(b => b.Str("reference")).ShouldBe(references, ignoreOrder: true);

        var day = DateOnly.FromDateTime(startsAt.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await api.GetJsonAsync($"/api/v1/booking/bookings?state=pending&from={day}&to={day}")).GetProperty("items").GetArrayLength().ShouldBe(2);
        (await api.GetJsonAsync("/api/v1/booking/bookings?state=confirmed&phone=%2B15550005001")).GetProperty("items")[0].Str("reference").ShouldBe(references[0]);
        (await api.GetJsonAsync("/api/v1/booking/bookings?phone=%2B15550005009")).GetProperty("items").GetArrayLength().ShouldBe(0);

        foreach (var (query, field) in new[] { ("state=maybe", "state"), ("cursor=nonsense", "cursor"), ("limit=0", "limit"), ("from=12/01/2026", "from"), ("phone=abc", "phone") })
        {
            var (response, problem) = await api.SendJsonAsync(HttpMethod.Get, $"/api/v1/booking/bookings?{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            problem.ErrorFields().ShouldBe([field]);
        }

        var statistics = await api.GetJsonAsync("/api/v1/booking/statistics");
        (statistics.GetProperty("pendingHolds").GetInt32(), statistics.GetProperty("holds30Days").GetInt32(), statistics.GetProperty("confirmed30Days").GetInt32())
            .ShouldBe((2, 3, 1));
        statistics.GetProperty("holdToConfirmedRate").GetDouble().ShouldBe(1.0 / 3, 0.0001);
        statistics.GetProperty("seatsTakenNext7Days").GetInt32().ShouldBe(3);
        (await host.MatchesTheDocumentAsync("/api/v1/booking/statistics", "get", 200, statistics)).ShouldBeEmpty();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
