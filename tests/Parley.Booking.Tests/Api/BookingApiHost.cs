using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Parley.Booking.Store;
using Parley.Core.Storage;

namespace Parley.Booking.Tests.Api;

/// <summary>
/// Parley with the demo resort and a clock the test moves (<see cref="ShiftedClock"/>); guests sign in for real: a code
/// requested from /api/v1/auth/otp, read from the resort's sandbox phone, verified for a session token.
/// </summary>
internal sealed partial class BookingApiHost : IAsyncDisposable
{
    private BookingApiHost(TestApp app, ShiftedClock clock)
    {
        App = app;
        Clock = clock;
    }

    public TestApp App { get; }
    public ShiftedClock Clock { get; }
    public SandboxClient Resort => App.SandboxFor("resort");

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex SixDigits();

    public static async Task<BookingApiHost> StartAsync(DatabaseKind kind)
    {
        var clock = new ShiftedClock();
        var app = await TestApp.StartAsync(kind, services: s => s.AddSingleton<TimeProvider>(clock));
        return new BookingApiHost(app, clock);
    }

    /// <summary>A client with a guest's session: the guest writes to the resort (so the number is known and the 24-hour window open), then signs in with the code.</summary>
    public async Task<HttpClient> GuestAsync(string phone)
    {
        await TalkAsync(phone);
        using var anonymous = App.CreateClient();
        var (asked, _) = await anonymous.PostJsonAsync("/api/v1/auth/otp", new { phone, realm = "resort-guest" });
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var thread = await Resort.WaitAsync(phone, t => t.Any(m => m.Direction == "outbound" && SixDigits().IsMatch(m.Text ?? "")));
        var code = SixDigits().Match(thread.Last(m => m.Direction == "outbound" && SixDigits().IsMatch(m.Text ?? "")).Text!).Groups[1].Value;
        var (verified, session) = await anonymous.PostJsonAsync("/api/v1/auth/otp/verify", new { phone, code });
        verified.StatusCode.ShouldBe(HttpStatusCode.OK, session.ToString());
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.Str("token"));
        return client;
    }

    /// <summary>The guest writes to the resort and the bot answers: the 24-hour window is open (at the clock's time) from then.</summary>
    public async Task TalkAsync(string phone)
    {
        var replies = (await Resort.ThreadAsync(phone)).Count(m => m.Direction == "outbound");
        await Resort.SendAsync(phone, "hello");
        await Resort.WaitAsync(phone, t => t.Count(m => m.Direction == "outbound") > replies);
    }

    /// <summary>An open slot of a demo activity with at least <paramref name="seats"/> free, starting more than <paramref name="after"/> from now.</summary>
    public async Task<(long ActivityId, long SlotId, DateTimeOffset StartsAt)> SlotAsync(int seats, TimeSpan after, string slug = "reef-snorkel")
    {
        var activity = (await App.Get<ActivityCatalog>().FindBySlugAsync(slug))!;
        var now = Clock.GetUtcNow();
        var slot = (await App.Get<SlotSchedule>().UpcomingAsync(activity.Id, 200, openOnly: true)).First(s => s.StartsAt > now + after && s.Held + s.Confirmed == 0 && s.Available >= seats);
        return (activity.Id, slot.Id, slot.StartsAt);
    }

    /// <summary>The slot's counters and the number of bookings: what a refusal must leave as it was.</summary>
    public async Task<(int Held, int Confirmed, int Bookings)> SnapshotAsync(long slotId)
    {
        var slot = (await App.Get<BookingLedger>().SlotAsync(slotId))!;
        var bookings = await App.Get<BookingQueries>().ListAsync(new Model.BookingFilter { Limit = 5000 });
        return (slot.Held, slot.Confirmed, bookings.Count);
    }

    /// <summary>Checks an answer against the schema /openapi/v1.json gives for it.</summary>
    public async Task<IReadOnlyList<string>> MatchesTheDocumentAsync(string path, string method, int status, JsonElement body)
    {
        var document = JsonDocument.Parse(await App.Client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        var schema = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
            .GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content").GetProperty("application/json").GetProperty("schema");
        return new OpenApiSchemaValidator(document).Validate(body, schema);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
