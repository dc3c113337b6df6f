using System.Net;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Acs;

/// <summary>
/// Proves an ACS account's settings with one cheap signed read that sends nothing to anyone: list the channel's
/// templates (<c>GET {Endpoint}/messages/channels/{ChannelRegistrationId}/templates?maxpagesize=1</c>, api-version 2024-08-30).
/// 200 means the endpoint, the access key and the channel registration id all work; 401/403 means ACS refused the
/// key; 404 means the key works but the channel registration id is not this resource's.
/// </summary>
public sealed class AcsAccountTester(AcsRestClient rest) : IAccountTester
{
    public string Provider => Providers.Acs;

    public async Task<AccountTestResult> TestAsync(Account account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!AcsAccountSettings.TryRead(account, out var settings, out var problem))
        {
            return new AccountTestResult(false, problem);
        }

        var version = Uri.EscapeDataString(settings.ApiVersion(AcsApiVersions.Ga));
        using var request = rest.Create(HttpMethod.Get, settings,
            $"/messages/channels/{Uri.EscapeDataString(settings.ChannelRegistrationId)}/templates?api-version={version}&maxpagesize=1");
        try
        {
            using var response = await rest.Http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return new AccountTestResult(true, $"ACS accepted the access key and knows channel registration {settings.ChannelRegistrationId}.");
            }

            var error = await rest.ReadErrorAsync(response, ct);
            return new AccountTestResult(false, error.Status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    $"ACS refused the access key ({error.StatusCode} {error.Code}: {error.Message}). Check AccessKey and Endpoint.",
                HttpStatusCode.NotFound =>
                    $"The access key works, but ACS does not know channel registration {settings.ChannelRegistrationId} ({error.Code}: {error.Message}).",
                _ => $"ACS answered {error.StatusCode} {error.Code}: {error.Message}",
            });
        }
        catch (HttpRequestException ex)
        {
            return new AccountTestResult(false, $"ACS could not be reached at {settings.Endpoint.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AccountTestResult(false, $"ACS did not answer in time at {settings.Endpoint.GetLeftPart(UriPartial.Authority)}.");
        }
    }
}
