using System.Text.RegularExpressions;
using Dapper;
using Parley.Booking.Model;
using Parley.Booking.Store;
using Parley.Core.Messaging;
using Parley.Core.Storage;
using Parley.Testing.Fakes;

namespace Parley.Booking.Tests;

/// <summary>The resort bot through the sandbox, as a guest uses it on WhatsApp: the demo resort is there at first start.</summary>
public sealed class ResortBotSandboxTests
{
    private const string Ana = "+15550001111";

    [Fact]
    public async Task AGuest_BrowsesAndHoldsSeats_InSpanish_AndTheExpiredHoldIsAnnounced()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Booking:PendingTimeout"] = "00:00:03",
            ["Parley:Booking:JobInterval"] = "00:00:00.200",
        });
        var resort = app.SandboxFor("resort");
        var snorkel = (await app.Get<ActivityCatalog>().FindBySlugAsync("reef-snorkel"))!;

        await resort.SendAsync(Ana, "hola");
        var welcome = (await resort.WaitForRepliesAsync(Ana, 1)).Last();
        welcome.Text!.ShouldContain("Bienvenido");
        welcome.Interactive!.Buttons!.Select(b => b.Id).ShouldBe(["menu:cats", "menu:rec", "menu:mine"]);

        await resort.ChooseAsync(Ana, "menu:cats", "Actividades");
        var categories = (await resort.WaitForRepliesAsync(Ana, 2)).Last();
        categories.Interactive!.Kind.ShouldBe(InteractiveContent.ListKind);
        categories.Interactive.Sections![0].Rows.Select(r => r.Id).ShouldContain("cat:water");

        await resort.ChooseAsync(Ana, "cat:water", "Acuáticas", "list_reply");
        var inWater = (await resort.WaitForRepliesAsync(Ana, 3)).Last();
        inWater.Interactive!.Sections![0].Rows.Select(r => r.Id).ShouldContain($"act:{snorkel.Id}");

        await resort.ChooseAsync(Ana, $"act:{snorkel.Id}", snorkel.NameEs, "list_reply");
        var card = await resort.WaitForRepliesAsync(Ana, 5);
        var image = card[^2];
        image.Type.ShouldBe(MessageTypes.Image);
        image.Text!.ShouldContain("Snorkel en el arrecife");
        image.Text!.ShouldContain("USD 45");
        image.Media!.MimeType.ShouldBe("image/png");
        var slots = card[^1].Interactive!.Sections![0].Rows;
        slots.Count.ShouldBeInRange(1, 9);
        var slotId = long.Parse(slots[0].Id["slot:".Length..], System.Globalization.CultureInfo.InvariantCulture);

        await resort.ChooseAsync(Ana, $"slot:{slotId}", slots[0].Title, "list_reply");
        var sizes = (await resort.WaitForRepliesAsync(Ana, 6)).Last();
        sizes.Interactive!.Buttons!.Select(b => b.Id).ShouldBe([$"party:{slotId}:1", $"party:{slotId}:2", $"party:{slotId}:3"]);

        await resort.ChooseAsync(Ana, $"party:{slotId}:2", "2 lugares");
        var held = (await resort.WaitForRepliesAsync(Ana, 7)).Last();
        held.Text!.ShouldContain("Te aparto 2 lugares");
        var booking = (await app.Get<BookingQueries>().ForGuestAsync(Ana)).Single();
        booking.State.ShouldBe(BookingState.Pending);
        held.Text!.ShouldContain(booking.Reference);
        held.Text!.ShouldContain($"/book/bookings/{booking.Reference}");
        (await app.Get<BookingLedger>().SlotAsync(slotId))!.Held.ShouldBe(2);

        // The hold runs out (3 s here): the guest is told, and the seats are free at once.
        var expired = await resort.WaitAsync(Ana, t => t.Any(m => m.Direction == "outbound" && (m.Text ?? "").Contains("venció", StringComparison.Ordinal)));
        expired.Last(m => m.Direction == "outbound").Text!.ShouldContain(booking.Reference);
        (await app.Get<BookingLedger>().SlotAsync(slotId))!.Held.ShouldBe(0);
        (await app.Get<BookingLedger>().FindByIdAsync(booking.Id))!.State.ShouldBe(BookingState.Expired);
    }

    [Fact]
    public async Task FreeText_IsAnsweredFromAvailabilityAndPreferences_InEnglish()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var resort = app.SandboxFor("resort");

        await resort.SendAsync(Ana, "what can I do tomorrow with two kids?");
        var answer = (await resort.WaitForRepliesAsync(Ana, 1)).Last();
        answer.Text!.ShouldContain("for 3 people with kids");
        // Activities for adults only (scuba from 12, the spa from 16) are not suggested for children.
        answer.Text!.ShouldNotContain("scuba");
        answer.Text!.ShouldNotContain("Spa");
        answer.Interactive!.Kind.ShouldBe(InteractiveContent.ListKind);

        await resort.SendAsync(Ana, "I like diving");
        var liked = await resort.WaitForRepliesAsync(Ana, 3);
        liked[^2].Text!.ShouldContain("you like diving");
        liked[^1].Interactive!.Sections![0].Rows[0].Title.ShouldBe("Discover scuba diving");
        (await app.Get<PreferenceStore>().ProfileAsync(Ana)).Preferences.ShouldContain(p => p.Value == "diving" && p.Explicit);

        await resort.SendAsync(Ana, "my bookings");
        (await resort.WaitForRepliesAsync(Ana, 4)).Last().Text!.ShouldContain("no bookings yet");
    }

    [Fact]
    public async Task WithAModel_RecommendationsArePhrasedFromTheRankedListOnly_AndAPhrasingThatDropsOneIsNotSent()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        // The fake model names what it was given for the first question, and forgets every name for the second.
        fake.Answer = r => r.LastUser.Contains("two kids", StringComparison.Ordinal)
            ? "How about " + string.Join(" or ", Regex.Matches(r.LastUser, @"\*([^*]+)\*").Select(m => m.Groups[1].Value)) + "? All have room tomorrow."
            : "You will love our secret volcano tour!";
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Ai:Provider"] = "openai-compatible",
            ["Parley:Ai:BaseUrl"] = fake.BaseUrl,
            ["Parley:Ai:ApiKey"] = "sk-parley-test-0123456789",
            ["Parley:Ai:Model"] = "fake-gpt",
        });
        var resort = app.SandboxFor("resort");

        await resort.SendAsync(Ana, "what can I do tomorrow with two kids?");
        var phrased = (await resort.WaitForRepliesAsync(Ana, 1)).Last();
        phrased.Text!.ShouldStartWith("How about ");
        phrased.Interactive!.Kind.ShouldBe(InteractiveContent.ListKind);
        foreach (var row in phrased.Interactive.Sections![0].Rows)
        {
            phrased.Text.ShouldContain(row.Title.TrimEnd('…'));
        }

        // The model saw the question and the ranked list, and nothing the list left out (adults-only activities).
        var asked = fake.ChatRequests.Single();
        asked.LastUser.ShouldContain("what can I do tomorrow with two kids?");
        asked.LastUser.ShouldContain("for 3 people with kids");
        asked.AllText.ShouldNotContain("scuba", Case.Insensitive);
        asked.System.ShouldContain("Use only the facts given");

        await resort.SendAsync(Ana, "I like diving");
        var own = (await resort.WaitForRepliesAsync(Ana, 3)).Last();
        own.Text!.ShouldNotContain("volcano");
        own.Text!.ShouldContain("*Discover scuba diving*");
        await using var c = await app.Get<Database>().OpenAsync();
        (await c.QueryAsync<string>("SELECT outcome FROM ai_usage WHERE kind = 'phrasing' ORDER BY id")).ShouldBe(["ok", "blocked"]);
    }
}
