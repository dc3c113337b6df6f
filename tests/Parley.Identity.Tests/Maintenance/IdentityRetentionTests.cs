using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Core.Maintenance;
using Parley.Core.Storage;
using Parley.Identity.Audit;
using Parley.Identity.ChatSessions;
using Parley.Identity.Maintenance;
using Parley.Identity.WebSessions;
using Parley.Testing;

namespace Parley.Identity.Tests.Maintenance;

public sealed class IdentityRetentionTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Ended_sessions_and_old_audit_lines_go_a_day_after_they_ended_and_live_ones_stay(DatabaseKind kind)
    {
        await using var db = await IdentityDatabase.CreateAsync(kind);
        var clock = new FakeTimeProvider();
        var options = new TestOptions(new IdentityOptions { WebSessionLifetime = TimeSpan.FromDays(1), AuditRetention = TimeSpan.FromDays(2) });
        var web = new WebSessionStore(db.Database, clock, options);
        var chat = new ChatSessionStore(db.Database, clock);
        var audit = new SignInAudit(db.Database, clock, NullLogger<SignInAudit>.Instance);
        var retention = new IdentityRetention(new RetentionBatches(db.Database, Options.Create(new RetentionOptions())), options, clock);

        await web.StartAsync("+15550001111", null, default);
        await chat.SignInAsync(1, "+15550001111", new IdentitySubject("clinic", "p1", "Ana", null), TimeSpan.FromHours(1), default);
        await audit.RecordAsync(SignInEvents.Web, SignInEvents.Verified, "+15550001111");
        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var live = await web.StartAsync("+15550002222", null, default);
        await audit.RecordAsync(SignInEvents.Web, SignInEvents.Verified, "+15550002222");

        (await retention.RunAsync(default)).ShouldBe(3);

        (await web.FindAsync(live.Token, default)).ShouldNotBeNull();
        await using var c = await db.Database.OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity_web_sessions")).ShouldBe(1);
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity_chat_sessions")).ShouldBe(0);
        (await c.ExecuteScalarAsync<string>("SELECT phone_masked FROM identity_audit")).ShouldEndWith("2222");
    }
}
