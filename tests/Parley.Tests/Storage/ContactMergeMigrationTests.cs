using System.Net;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.Modules;
using Parley.Tests.Api;

namespace Parley.Tests.Storage;

/// <summary>
/// Migration core 0011_contacts_one_per_number, from a database as the previous main made it (every module's scripts up
/// to core 0010): the contacts that providers and the API stored for one number become one, with every message, one
/// conversation, the flags that protect people, and the bots' interaction records moved along.
/// Regression (issue 19): an ACS contact stored as '+15550003333' and the contact a template send created as
/// '15550003333' were two people.
/// </summary>
public sealed class ContactMergeMigrationTests
{
    private const long Hour = 3_600_000;

    [Theory, SqliteData, PostgresData]
    public async Task DuplicateContacts_AreMerged_KeepingMessagesConversationsAndFlags(DatabaseKind kind)
    {
        await using var acs = await FakeAcs.StartAsync();
        await using var test = await TestDatabase.CreateAsync(kind);
        var database = new Database(kind, test.ConnectionString);
        await CreatePreMergeSchemaAsync(database);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        await SeedAsync(database, now);

        await using var app = TestApp.Start(test, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "acs1", ["Parley:Accounts:0:Provider"] = "acs", ["Parley:Accounts:0:Bot"] = "echo",
            ["Parley:Accounts:0:Endpoint"] = acs.BaseUrl, ["Parley:Accounts:0:AccessKey"] = acs.AccessKey,
            ["Parley:Accounts:0:ChannelRegistrationId"] = acs.ChannelRegistrationId, ["Parley:Accounts:0:WebhookSecret"] = "s3cret",
        });
        using var api = await app.ApiClientAsync();
        await using var c = await app.Get<Database>().OpenAsync();

        // One contact per number and account, keyed by the digits; the flags of either kept.
        var contacts = (await c.QueryAsync<(long Id, string AccountId, string WaId, string? Phone, string? Name, long OptedOut, long Blocked, long Allowed)>(
            "SELECT id, account_id, wa_id, phone, name, opted_out, blocked, allowed FROM contacts WHERE account_id IN ('acs1', 'mx1') ORDER BY id")).ToList();
        contacts.Select(k => (k.AccountId, k.WaId)).ShouldBe([("acs1", "15550003333"), ("acs1", "15550004444"), ("mx1", "525512345678"), ("mx1", "US.13491208655302741918")]);
        var ana = contacts[0];
        (ana.Phone, ana.Name, ana.OptedOut, ana.Blocked, ana.Allowed).ShouldBe(("+15550003333", "Ana", 1L, 0L, 1L));
        contacts[1].Blocked.ShouldBe(1);

        // Both conversations are one: every message, the newest session, the person's takeover, the counters.
        var conversation = await c.QuerySingleAsync<(long Id, long ContactId, string State, string? Session, long Unread, long OutPending, long LastInboundAt)>(
            "SELECT id, contact_id, state, session, unread, out_pending, last_inbound_at FROM conversations WHERE account_id = 'acs1' AND contact_id = @Id", new { ana.Id });
        (conversation.State, conversation.Session, conversation.Unread, conversation.OutPending, conversation.LastInboundAt)
            .ShouldBe(("human", "{\"newest\":true}", 2L, 0L, now - Hour));
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE account_id = 'acs1'")).ShouldBe(2);
        (await c.QueryAsync<(long ConversationId, long ContactId)>("SELECT conversation_id, contact_id FROM messages WHERE provider_message_id LIKE 'ana-%'"))
            .ShouldAllBe(m => m.ConversationId == conversation.Id && m.ContactId == ana.Id);
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE provider_message_id LIKE 'ana-%'")).ShouldBe(3);

        // The bots' interaction log followed the merge.
        (await c.QueryAsync<(long ContactId, long ConversationId, string Contact)>("SELECT contact_id, conversation_id, contact FROM bot_interactions"))
            .ShouldAllBe(i => i.ContactId == ana.Id && i.ConversationId == conversation.Id && i.Contact == "15550003333");
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contact_merges WHERE from_contact_id <> to_contact_id")).ShouldBe(1);

        // The API finds the one person, in the window their last message opened.
        var history = await api.GetJsonAsync("/api/v1/history?phone=%2B15550003333&account=acs1");
        history.GetProperty("messages").GetArrayLength().ShouldBe(3);
        var conversations = await api.GetJsonAsync("/api/v1/conversations?account=acs1&contact=%2B15550003333");
        conversations.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("windowOpen").GetBoolean().ShouldBeTrue();
        var mexico = await api.GetJsonAsync("/api/v1/history?phone=%2B525512345678&account=mx1");
        mexico.GetProperty("messages").GetArrayLength().ShouldBe(1);

        // Opted out on either record: still opted out after the merge.
        var (refused, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "acs1", to = "+15550003333", type = "text", text = "hi" });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.Str("code").ShouldBe("contact_opted_out");
    }

    /// <summary>Every module's scripts as the previous main had them: core up to 0010, bots and ai complete.</summary>
    private static async Task CreatePreMergeSchemaAsync(Database database)
    {
        var migrator = new Migrator(database,
            [ModuleSchema.Core, ModuleSchema.Of<Parley.Bots.Engine.EngineBot>("bots"), ModuleSchema.Of<Parley.Ai.AiOptions>("ai")],
            TimeProvider.System, NullLogger<Migrator>.Instance);
        await database.EnsureWalAsync();
        await using var c = await database.OpenAsync();
        await using var tx = await database.BeginWriteAsync(c);
        await c.ExecuteAsync(
            "CREATE TABLE schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))",
            transaction: tx);
        foreach (var script in migrator.Scripts.Where(s => s.Module != "core" || s.Version <= 10))
        {
            await c.ExecuteAsync(script.Sql, transaction: tx);
            await c.ExecuteAsync("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (@Module, @Version, @Name, 1)", script, tx);
        }

        await tx.CommitAsync();
    }

    /// <summary>What the previous main stored: ACS's contact as '+E164', the API's as digits, Meta's Mexican wa_id with its 1.</summary>
    private static async Task SeedAsync(Database database, long now)
    {
        await using var c = await database.OpenAsync();
        await c.ExecuteAsync("INSERT INTO accounts (id, provider, created_at, updated_at) VALUES ('acs1', 'acs', 1, 1), ('mx1', 'sandbox', 1, 1)");
        await c.ExecuteAsync(
            """
            INSERT INTO contacts (account_id, wa_id, phone, name, opted_out, opted_out_at, blocked, allowed, created_at, updated_at) VALUES
              ('acs1', '+15550003333', '+15550003333', 'Ana', 0, NULL, 0, 1, 10, 20),
              ('acs1', '15550003333', '+15550003333', NULL, 1, 15, 0, 0, 11, 30),
              ('acs1', '+15550004444', '+15550004444', 'Bo', 0, NULL, 1, 0, 12, 12),
              ('mx1', '5215512345678', '+525512345678', 'Mx', 0, NULL, 0, 0, 13, 13),
              ('mx1', 'US.13491208655302741918', NULL, 'Hidden', 0, NULL, 0, 0, 14, 14)
            """);
        await c.ExecuteAsync(
            """
            INSERT INTO conversations (account_id, contact_id, state, session, last_inbound_at, last_message_at, unread, created_at) VALUES
              ('acs1', 1, 'bot', '{"oldest":true}', @inbound, @inbound, 2, 10),
              ('acs1', 2, 'human', '{"newest":true}', NULL, @later, 0, 11),
              ('acs1', 3, 'bot', NULL, 50, 50, 0, 12),
              ('mx1', 4, 'bot', NULL, 60, 60, 0, 13)
            """, new { inbound = now - Hour, later = now - Hour + 1000 });
        await c.ExecuteAsync(
            """
            INSERT INTO messages (account_id, conversation_id, contact_id, direction, type, content, provider_message_id, status, status_at, process_state, created_at) VALUES
              ('acs1', 1, 1, 'inbound', 'text', '{"type":"text","text":"hola"}', 'ana-1', 'received', @inbound, 2, @inbound),
              ('acs1', 1, 1, 'outbound', 'text', '{"type":"text","text":"hola Ana"}', 'ana-2', 'read', @inbound, 2, @inbound),
              ('acs1', 2, 2, 'outbound', 'template', '{"type":"template","template":{"name":"hello_world","language":"en_US"}}', 'ana-3', 'delivered', @later, 2, @later),
              ('mx1', 4, 4, 'inbound', 'text', '{"type":"text","text":"hola"}', 'mx-1', 'received', 60, 2, 60)
            """, new { inbound = now - Hour, later = now - Hour + 1000 });
        await c.ExecuteAsync(
            """
            INSERT INTO bot_interactions (account_id, bot, conversation_id, contact_id, contact, message_id, route, processing_ms, success, created_at) VALUES
              ('acs1', 'echo', 1, 1, '+15550003333', 1, 'rule', 1, 1, @inbound)
            """, new { inbound = now - Hour });
    }
}
