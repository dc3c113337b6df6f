using Microsoft.Extensions.Options;
using Parley.Core.Webhooks;

namespace Parley.Clinic;

/// <summary>The clinic account's outgoing webhooks carry no text, names or numbers unless <see cref="ClinicOptions.ClinicalContentInWebhooks"/> allows it.</summary>
public sealed class ClinicWebhookRedaction(IOptionsMonitor<ClinicOptions> options) : IWebhookRedaction
{
    public bool Redacts(string accountId) =>
        !options.CurrentValue.ClinicalContentInWebhooks && string.Equals(accountId, options.CurrentValue.Account, StringComparison.OrdinalIgnoreCase);
}
