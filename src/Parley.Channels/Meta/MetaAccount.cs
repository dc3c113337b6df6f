using Parley.Core.Accounts;

namespace Parley.Channels.Meta;

/// <summary>The Meta settings and secrets of one account, read once per use.</summary>
public sealed record MetaAccount(string Id, string ApiBaseUrl)
{
    public string? PhoneNumberId { get; init; }
    public string? BusinessAccountId { get; init; }
    public string? AccessToken { get; init; }
    public string? AppSecret { get; init; }
    public string? VerifyToken { get; init; }

    public static MetaAccount From(Account account) => new(account.Id, (account.Setting("ApiBaseUrl") ?? MetaOptions.DefaultApiBaseUrl).TrimEnd('/'))
    {
        PhoneNumberId = account.Setting("PhoneNumberId"),
        BusinessAccountId = account.Setting("BusinessAccountId"),
        AccessToken = account.Secret("AccessToken"),
        AppSecret = account.Secret("AppSecret"),
        VerifyToken = account.Secret("VerifyToken"),
    };

    /// <summary>The first missing setting a Graph call needs, as a sentence naming the key; null when all are there.</summary>
    public string? MissingForSending() =>
        PhoneNumberId is null ? $"Account '{Id}' has no PhoneNumberId (Parley:Accounts:{{n}}:PhoneNumberId)."
        : AccessToken is null ? $"Account '{Id}' has no AccessToken (Parley:Accounts:{{n}}:AccessToken)."
        : !Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp)
            ? $"Account '{Id}' has an ApiBaseUrl that is not an http(s) URL: '{ApiBaseUrl}'."
        : null;

    /// <summary>A Graph URL under this account's API base: <c>Url(PhoneNumberId, "messages")</c>.</summary>
    public Uri Url(params string[] segments) =>
        new($"{ApiBaseUrl}/{string.Join('/', segments.Select(Uri.EscapeDataString))}");

    /// <summary>Never prints secrets.</summary>
    public override string ToString() => $"MetaAccount {Id}";
}
