using Parley.Core.Accounts;

namespace Parley.Channels.Acs;

/// <summary>An ACS account sends through its resource's endpoint and key, from its channel registration; Event Grid's calls carry its webhook secret.</summary>
public sealed class AcsAccountRules : IAccountRules
{
    public string Provider => Providers.Acs;

    public IReadOnlyList<string> RequiredKeys { get; } = ["Endpoint", "AccessKey", "ChannelRegistrationId", "WebhookSecret"];
}
