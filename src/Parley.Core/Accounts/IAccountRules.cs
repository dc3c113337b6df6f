namespace Parley.Core.Accounts;

/// <summary>
/// What a provider's accounts must have, declared by its channel: the settings and secrets it needs to send and to
/// verify webhooks, and any further checks (formats of ids, URLs, one of two keys).
/// </summary>
public interface IAccountRules
{
    string Provider { get; }

    /// <summary>Keys an account of this provider must have (secrets among them, see <see cref="AccountSecrets"/>).</summary>
    IReadOnlyList<string> RequiredKeys { get; }

    /// <summary>Checks beyond the required keys; errors name the key.</summary>
    IEnumerable<FieldError> Validate(Account account) => [];
}
