using Dapper;
using Microsoft.Extensions.Logging;
using Parley.Core.Startup;
using Parley.Core.Storage;

namespace Parley.Core.Contacts;

/// <summary>
/// Hands the contact merges recorded in <c>contact_merges</c> to each module that follows them
/// (<see cref="IContactMergeFollower"/>), and records how far each got, so that a merge is followed once.
/// </summary>
public sealed class ContactMergeFollowers(
    Database database, IEnumerable<IContactMergeFollower> followers, ILogger<ContactMergeFollowers> logger) : IStartupTask
{
    private sealed record Row(long id, string account_id, long from_contact_id, long to_contact_id, long? from_conversation_id,
        long? to_conversation_id, string from_wa_id, string to_wa_id);

    public string Name => "core.contact-merges";

    public StartupPhase Phase => StartupPhase.Accounts;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var follower in followers)
        {
            await using var c = await database.OpenAsync(ct);
            var through = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT applied_through FROM contact_merge_followers WHERE module = @Module", new { follower.Module }, cancellationToken: ct)) ?? 0;
            var merges = (await c.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT id, account_id, from_contact_id, to_contact_id, from_conversation_id, to_conversation_id, from_wa_id, to_wa_id
                FROM contact_merges WHERE id > @through ORDER BY id
                """,
                new { through }, cancellationToken: ct)))
                .Select(r => new ContactMerge(r.id, r.account_id, r.from_contact_id, r.to_contact_id, r.from_wa_id, r.to_wa_id)
                {
                    FromConversationId = r.from_conversation_id,
                    ToConversationId = r.to_conversation_id,
                })
                .ToList();
            if (merges.Count == 0)
            {
                continue;
            }

            await follower.ApplyAsync(merges, ct);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO contact_merge_followers (module, applied_through) VALUES (@Module, @last)
                ON CONFLICT (module) DO UPDATE SET applied_through = excluded.applied_through
                """,
                new { follower.Module, last = merges[^1].Id }, cancellationToken: ct));
            logger.LogInformation("Module {Module} followed {Count} contact merges", follower.Module, merges.Count);
        }
    }
}
