using Parley.Core.Accounts;

namespace Parley.Channels.Acs;

/// <summary>
/// An ACS account's settings, read once per use: <c>Endpoint</c>, <c>AccessKey</c> (secret, base64),
/// <c>ChannelRegistrationId</c>, <c>WebhookSecret</c> (secret) and the optional <c>ApiVersion</c> override.
/// </summary>
public sealed record AcsAccountSettings(Uri Endpoint, byte[] AccessKey, string ChannelRegistrationId)
{
    public const string EndpointKey = "Endpoint";
    public const string AccessKeyKey = "AccessKey";
    public const string ChannelRegistrationIdKey = "ChannelRegistrationId";
    public const string WebhookSecretKey = "WebhookSecret";

    /// <summary>Forces one api-version for every call (when Azure retires or adds a version before Parley follows).</summary>
    public const string ApiVersionKey = "ApiVersion";

    public string? ApiVersionOverride { get; init; }

    /// <summary>Reads the settings the REST calls need; <paramref name="problem"/> names the missing or wrong key.</summary>
    public static bool TryRead(Account account, out AcsAccountSettings settings, out string problem)
    {
        settings = null!;
        var endpoint = account.Setting(EndpointKey);
        if (endpoint is null || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problem = $"Account '{account.Id}': setting {EndpointKey} must be the resource URL, like https://my-resource.communication.azure.com.";
            return false;
        }

        if (!TryDecodeKey(account.Secret(AccessKeyKey), out var key))
        {
            problem = $"Account '{account.Id}': secret {AccessKeyKey} must be the resource's access key (base64, from the Keys page or the connection string's accesskey=).";
            return false;
        }

        var channel = account.Setting(ChannelRegistrationIdKey)?.Trim();
        if (channel is null || !Guid.TryParse(channel, out _))
        {
            problem = $"Account '{account.Id}': setting {ChannelRegistrationIdKey} must be the WhatsApp channel's registration id (a GUID).";
            return false;
        }

        problem = "";
        settings = new AcsAccountSettings(uri, key, channel) { ApiVersionOverride = account.Setting(ApiVersionKey)?.Trim() };
        return true;
    }

    public static bool TryDecodeKey(string? accessKey, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(accessKey))
        {
            return false;
        }

        var buffer = new byte[accessKey.Length];
        if (!Convert.TryFromBase64String(accessKey.Trim(), buffer, out var written) || written == 0)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>An absolute URL under the resource endpoint (which may carry a trailing slash or not).</summary>
    public Uri Url(string pathAndQuery) => new(Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery);

    public string ApiVersion(string defaultVersion) => string.IsNullOrEmpty(ApiVersionOverride) ? defaultVersion : ApiVersionOverride;
}
