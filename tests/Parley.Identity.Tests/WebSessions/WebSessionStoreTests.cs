using Parley.Core.Storage;
using Parley.Identity.WebSessions;
using Parley.Testing;

namespace Parley.Identity.Tests.WebSessions;

public sealed class WebSessionStoreTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_started_session_is_found_by_its_token_and_slides(DatabaseKind kind)
    {
        await using var db = await IdentityDatabase.CreateAsync(kind);
        var clock = new FakeTimeProvider();
        var store = new WebSessionStore(db.Database, clock, new TestOptions(new IdentityOptions { WebSessionLifetime = TimeSpan.FromDays(1) }));

        var start = await store.StartAsync("+15550001111", "127.0.0.1", default);
        start.Token.ShouldStartWith("ps_");
        start.Token.Length.ShouldBeGreaterThanOrEqualTo(3 + 43); // 256 bits in base64url

        clock.Advance(TimeSpan.FromHours(20));
        (await store.FindAsync(start.Token, default))!.Phone.ShouldBe("+15550001111");

        // Used 20 h in, the session now ends 1 day after that use, not 1 day after it started.
        clock.Advance(TimeSpan.FromHours(20));
        (await store.FindAsync(start.Token, default)).ShouldNotBeNull();

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        (await store.FindAsync(start.Token, default)).ShouldBeNull();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Logout_revokes_at_once_and_only_the_hash_is_stored(DatabaseKind kind)
    {
        await using var db = await IdentityDatabase.CreateAsync(kind);
        var store = new WebSessionStore(db.Database, new FakeTimeProvider(), new TestOptions());
        var start = await store.StartAsync("+15550001111", null, default);

        await using (var c = await db.Database.OpenAsync())
        {
            var stored = await Dapper.SqlMapper.QuerySingleAsync<string>(c, "SELECT token_hash FROM identity_web_sessions");
            stored.ShouldNotContain(start.Token[3..]);
            stored.ShouldBe(WebSessionStore.Hash(start.Token));
        }

        await store.RevokeAsync(start.Token, default);
        (await store.FindAsync(start.Token, default)).ShouldBeNull();
        (await store.FindAsync("ps_unknown", default)).ShouldBeNull();
    }
}
