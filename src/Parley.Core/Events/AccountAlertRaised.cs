using Parley.Core.Accounts;

namespace Parley.Core.Events;

/// <summary>A provider reported an account alert, a quality rating or a messaging-limit change (<see cref="AccountAlert"/>).</summary>
public sealed record AccountAlertRaised(AccountAlert Alert) : DomainEvent(Alert.AccountId, Alert.ReceivedAt)
{
    public const string Name = "account.alert";
    public override string Type => Name;
}
