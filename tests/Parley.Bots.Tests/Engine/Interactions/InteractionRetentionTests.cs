using Dapper;
using Microsoft.Extensions.Options;
using Parley.Bots.Engine.Interactions;
using Parley.Core.Maintenance;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Bots.Tests.Engine.Interactions;

/// <summary>The engine's share of retention: interaction logs are kept by default, deleted by age when configured.</summary>
public sealed class InteractionRetentionTests
{
    [Theory, SqliteData, PostgresData]
    public async Task InteractionLogs_KeptByDefault_DeletedByAgeWhenConfigured(DatabaseKind kind)
    {
        await using var h = await EngineHarness.StartAsync(kind);
        var ana = h.Chat(waId: "15550001111");
        await ana.SayAsync("quiero hacer un donativo");
        h.Time.Advance(TimeSpan.FromDays(2));
        await ana.SayAsync("info del evento noche de alabanza");
        h.Time.Advance(TimeSpan.FromDays(89));
        var database = h.Get<Database>();
        var batches = new RetentionBatches(database, Options.Create(new RetentionOptions()));

        (await new InteractionRetention(batches, Options.Create(new InteractionRetentionOptions()), h.Time).RunAsync(default)).ShouldBe(0);
        var deleted = await new InteractionRetention(
            batches, Options.Create(new InteractionRetentionOptions { InteractionLogs = TimeSpan.FromDays(90) }), h.Time).RunAsync(default);

        deleted.ShouldBe(1);
        await using var c = await database.OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bot_interactions")).ShouldBe(1);
    }
}
