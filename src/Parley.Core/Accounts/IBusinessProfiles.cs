namespace Parley.Core.Accounts;

/// <summary>
/// Reads and changes the business profile WhatsApp shows for a number (about, address, description, email, websites,
/// vertical), for providers that offer it (Meta's <c>whatsapp_business_profile</c>). Registered by the channel.
/// </summary>
public interface IBusinessProfiles
{
    string Provider { get; }

    /// <summary>The profile's fields as the provider names them.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAsync(Account account, CancellationToken ct);

    /// <summary>Sets the given fields (others stay); returns the profile as it is afterwards.</summary>
    /// <exception cref="ArgumentException">A field the provider does not accept; the message names it.</exception>
    Task<IReadOnlyDictionary<string, string>> UpdateAsync(Account account, IReadOnlyDictionary<string, string> changes, CancellationToken ct);
}
