using Dapper;
using Parley.Core.Events;
using Parley.Core.Storage;

namespace Parley.Core.Accounts;

/// <summary>
/// Records what providers say about business numbers (<see cref="AccountAlert"/>) for the admin, and publishes each as
/// the outgoing webhook event <c>account.alert</c>.
/// </summary>
public sealed class AccountAlerts(Database database, IDomainEvents events)
{
    private sealed record Row(long id, string account_id, string kind, string? type, string? severity, string? description,
        string? quality_rating, string? messaging_limit, long received_at);

    public async Task<AccountAlert> RecordAsync(AccountAlert alert, CancellationToken ct = default)
    {
        long id;
        await using (var c = await database.OpenAsync(ct))
        {
            id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO account_alerts (account_id, kind, type, severity, description, quality_rating, messaging_limit, received_at)
                VALUES (@AccountId, @Kind, @Type, @Severity, @Description, @QualityRating, @MessagingLimit, @at) RETURNING id
                """,
                new { alert.AccountId, alert.Kind, alert.Type, alert.Severity, alert.Description, alert.QualityRating, alert.MessagingLimit, at = alert.ReceivedAt.ToUnixTimeMilliseconds() },
                cancellationToken: ct));
        }

        var recorded = alert with { Id = id };
        await events.PublishAsync([new AccountAlertRaised(recorded)], ct);
        return recorded;
    }

    /// <summary>An account's alerts, newest first.</summary>
    public async Task<IReadOnlyList<AccountAlert>> ListAsync(string accountId, int limit = 20, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, account_id, kind, type, severity, description, quality_rating, messaging_limit, received_at
            FROM account_alerts WHERE account_id = @accountId ORDER BY id DESC LIMIT @limit
            """,
            new { accountId, limit }, cancellationToken: ct));
        return rows.Select(r => new AccountAlert(r.account_id, r.kind, Clock.FromMs(r.received_at))
        {
            Id = r.id,
            Type = r.type,
            Severity = r.severity,
            Description = r.description,
            QualityRating = r.quality_rating,
            MessagingLimit = r.messaging_limit,
        }).ToList();
    }
}
