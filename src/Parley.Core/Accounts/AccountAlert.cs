namespace Parley.Core.Accounts;

/// <summary>
/// What a provider said about a business number rather than a message: an account alert, a quality rating change or a
/// messaging-limit change (Meta's <c>account_alerts</c>, <c>phone_number_quality_update</c>, <c>account_update</c> and
/// <c>business_capability_update</c> webhook fields).
/// </summary>
/// <param name="AccountId">The Parley account it concerns.</param>
/// <param name="Kind">The provider's name for the kind of notice (Meta's webhook field).</param>
/// <param name="ReceivedAt">When Parley received it.</param>
public sealed record AccountAlert(string AccountId, string Kind, DateTimeOffset ReceivedAt)
{
    public long Id { get; init; }

    /// <summary>The notice itself: Meta's <c>alert_type</c> or <c>event</c> (<c>FLAGGED</c>, <c>UPGRADE</c>, <c>OBA_APPROVED</c>, …).</summary>
    public string? Type { get; init; }

    /// <summary><c>CRITICAL</c>, <c>WARNING</c> or <c>INFORMATIONAL</c> where the provider says.</summary>
    public string? Severity { get; init; }

    public string? Description { get; init; }

    /// <summary>The quality rating it reports (<c>GREEN</c>, <c>YELLOW</c>, <c>RED</c>, or <c>FLAGGED</c>/<c>UNFLAGGED</c>).</summary>
    public string? QualityRating { get; init; }

    /// <summary>The messaging limit it reports (<c>TIER_1K</c>, <c>TIER_UNLIMITED</c>, or conversations a day).</summary>
    public string? MessagingLimit { get; init; }
}
