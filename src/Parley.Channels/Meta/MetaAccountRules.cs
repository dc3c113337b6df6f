using Parley.Core.Accounts;

namespace Parley.Channels.Meta;

/// <summary>A Meta account sends with its phone number id and access token and verifies webhooks with its app secret and verify token.</summary>
public sealed class MetaAccountRules : IAccountRules
{
    public string Provider => Providers.Meta;

    public IReadOnlyList<string> RequiredKeys { get; } = ["PhoneNumberId", "AccessToken", "AppSecret", "VerifyToken"];
}
