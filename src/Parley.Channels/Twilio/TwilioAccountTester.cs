using System.Net;
using System.Text.Json;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Channels.Twilio;

/// <summary>Checks a Twilio account's credentials by fetching the account (<c>GET /2010-04-01/Accounts/{AccountSid}.json</c>).</summary>
public sealed class TwilioAccountTester(IHttpClientFactory httpClients) : IAccountTester
{
    public string Provider => Providers.Twilio;

    public async Task<AccountTestResult> TestAsync(Account account, CancellationToken ct)
    {
        if (TwilioSettings.Read(account, out var problem) is not { } settings)
        {
            return new AccountTestResult(false, problem!);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{settings.AccountUrl}.json");
        request.Headers.Authorization = settings.BasicAuth();
        try
        {
            using var response = await httpClients.CreateClient(TwilioChannel.HttpClientName).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return new AccountTestResult(false, $"Twilio rejected AccountSid {settings.AccountSid} with this AuthToken (HTTP {(int)response.StatusCode}).");
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = TwilioApiError.TryParse(body);
                return new AccountTestResult(false, $"Twilio answered HTTP {(int)response.StatusCode}{(error?.Message is { } m ? $": {m}" : "")}.");
            }

            using var doc = JsonDocument.Parse(body);
            var status = Text(doc.RootElement, "status") ?? "unknown";
            var name = Text(doc.RootElement, "friendly_name") ?? settings.AccountSid;
            return status == "active"
                ? new AccountTestResult(true, $"Twilio account '{name}' is active.")
                : new AccountTestResult(false, $"Twilio account '{name}' is {status}.");
        }
        catch (HttpRequestException ex)
        {
            return new AccountTestResult(false, $"Twilio could not be reached at {settings.ApiBaseUrl}: {ex.Message}");
        }
        catch (JsonException)
        {
            return new AccountTestResult(false, "Twilio answered with something that is not JSON.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AccountTestResult(false, "Twilio did not answer in time.");
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
