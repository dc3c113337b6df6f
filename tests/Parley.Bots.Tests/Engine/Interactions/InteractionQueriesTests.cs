using Parley.Bots.Engine.Interactions;

namespace Parley.Bots.Tests.Engine.Interactions;

public sealed class InteractionQueriesTests
{
    [Fact]
    public async Task EveryHandledMessage_IsRecorded_WithTheWholeContact_IntentTemplateAndResponse()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(waId: "5215512345678");

        await ana.SayAsync("quiero hacer un donatvo");

        var log = await h.Get<InteractionQueries>().FindByMessageAsync(ana.LastMessageId);
        log.ShouldNotBeNull();
        log.Contact.ShouldBe("5215512345678");
        log.Bot.ShouldBe("ministry");
        log.Route.ShouldBe("intent");
        log.Intent.ShouldBe("donativos");
        log.Confidence!.Value.ShouldBeInRange(0.8, 1.0);
        log.Template.ShouldBe("vea_info_donativos");
        log.DataSource.ShouldBe("ministry_donations");
        log.Response.ShouldNotBeNull().ShouldContain("012180001234567899");
        log.Success.ShouldBeTrue();
        log.Language.ShouldBe("es");
        log.Context.ShouldNotBeNull().ShouldContain("\"newSession\":true");
    }

    [Fact]
    public async Task ListAsync_Filters_AndPagesNewestFirst()
    {
        await using var h = await EngineHarness.StartAsync();
        var ana = h.Chat(waId: "15550001111");
        var luis = h.Chat(waId: "15550002222", accountId: "other");
        for (var i = 0; i < 5; i++)
        {
            await ana.SayAsync("quiero hacer un donativo");
            await ana.SayAsync("info del evento noche de alabanza");
            h.Time.Advance(TimeSpan.FromSeconds(30));
        }

        await luis.SayAsync("quiero hacer un donativo");
        await ana.SayAsync("xyzzy");
        var queries = h.Get<InteractionQueries>();

        (await queries.ListAsync(new InteractionQuery { AccountId = "acme", Intent = "donativos" })).Items.Count.ShouldBe(5);
        (await queries.ListAsync(new InteractionQuery { Template = "vea_event_info" })).Items.Count.ShouldBe(5);
        (await queries.ListAsync(new InteractionQuery { AccountId = "other" })).Items.ShouldHaveSingleItem().Contact.ShouldBe("15550002222");
        (await queries.ListAsync(new InteractionQuery { Route = "fallback" })).Items.ShouldHaveSingleItem().Text.ShouldBe("xyzzy");
        (await queries.ListAsync(new InteractionQuery { Success = false })).Items.ShouldBeEmpty();
        (await queries.ListAsync(new InteractionQuery { From = h.Time.GetUtcNow().AddMinutes(1) })).Items.ShouldBeEmpty();

        var seen = new List<long>();
        long? cursor = null;
        do
        {
            var page = await queries.ListAsync(new InteractionQuery { AccountId = "acme", Limit = 4, Before = cursor });
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.Count.ShouldBe(11);
        seen.ShouldBe(seen.OrderByDescending(id => id));
    }
}
