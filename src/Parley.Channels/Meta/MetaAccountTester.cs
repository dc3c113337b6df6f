using System.Globalization;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Meta;

/// <summary>Checks an account's phone number id and token: <c>GET {ApiBaseUrl}/{PhoneNumberId}?fields=display_phone_number,verified_name</c>.</summary>
public sealed class MetaAccountTester(MetaGraph graph) : IAccountTester
{
    public string Provider => Providers.Meta;

    public async Task<AccountTestResult> TestAsync(Account account, CancellationToken ct)
    {
        var meta = MetaAccount.From(account);
        if (meta.MissingForSending() is { } missing)
        {
            return new AccountTestResult(false, missing);
        }

        try
        {
            using var request = MetaGraph.Request(HttpMethod.Get, new Uri($"{meta.Url(meta.PhoneNumberId!)}?fields=display_phone_number,verified_name"), meta.AccessToken!);
            using var json = await graph.SendForJsonAsync(request, ct);
            var root = json.RootElement;
            var number = root.TryGetProperty("display_phone_number", out var n) ? n.GetString() : null;
            var name = root.TryGetProperty("verified_name", out var v) ? v.GetString() : null;
            return new AccountTestResult(true, string.Format(CultureInfo.InvariantCulture, "Connected to {0} ({1}).", name ?? "the business number", number ?? meta.PhoneNumberId));
        }
        catch (MetaApiException ex)
        {
            return new AccountTestResult(false, ex.Error is { } error ? error.Describe() : ex.Message);
        }
    }
}
