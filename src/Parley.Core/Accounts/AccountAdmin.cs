using Parley.Core.Outbound;

namespace Parley.Core.Accounts;

/// <summary>
/// Adds, changes, removes and tests accounts for the API, the admin UI and the CLI. Accounts declared in
/// configuration (or built in) are re-applied at every start, so they are changed there, not here.
/// </summary>
public sealed class AccountAdmin(AccountStore store, AccountRegistry registry, AccountValidator validator, IEnumerable<IAccountTester> testers)
{
    public const string ApiSource = "api";

    public async Task<AccountChangeResult> CreateAsync(Account draft, CancellationToken ct = default)
    {
        var account = Normalize(draft) with { Source = ApiSource };
        var errors = validator.Validate(account);
        if (errors.Count > 0)
        {
            return new AccountChangeResult(AccountChangeStatus.Invalid) { Errors = errors };
        }

        if (await store.FindAsync(account.Id, ct) is not null)
        {
            return new AccountChangeResult(AccountChangeStatus.Conflict) { Detail = $"Account '{account.Id}' exists already." };
        }

        await store.UpsertAsync(account, ct);
        registry.Invalidate(account.Id);
        return new AccountChangeResult(AccountChangeStatus.Done, await store.FindAsync(account.Id, ct));
    }

    public async Task<AccountChangeResult> UpdateAsync(string id, AccountChanges changes, CancellationToken ct = default)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null)
        {
            return new AccountChangeResult(AccountChangeStatus.NotFound);
        }

        if (ReadOnly(existing) is { } why)
        {
            return new AccountChangeResult(AccountChangeStatus.Conflict, existing) { Detail = why };
        }

        var settings = new Dictionary<string, string>(existing.Settings, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in changes.Settings ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(v))
            {
                settings.Remove(k);
            }
            else
            {
                settings[k] = v;
            }
        }

        var updated = existing with
        {
            Bot = changes.Bot is null ? existing.Bot : changes.Bot.Length == 0 ? null : changes.Bot,
            DisplayName = changes.DisplayName ?? existing.DisplayName,
            Enabled = changes.Enabled ?? existing.Enabled,
            Settings = settings,
            Secrets = new Dictionary<string, string>(existing.Secrets.Concat(changes.Secrets ?? new Dictionary<string, string>())
                .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.OrdinalIgnoreCase),
        };
        var errors = SecretsInSettings(changes.Settings).Concat(validator.Validate(updated)).ToList();
        if (errors.Count > 0)
        {
            return new AccountChangeResult(AccountChangeStatus.Invalid) { Errors = errors };
        }

        await store.UpsertAsync(updated, ct);
        registry.Invalidate(id);
        return new AccountChangeResult(AccountChangeStatus.Done, await store.FindAsync(id, ct));
    }

    /// <summary>Deletes an account without history; one with history is disabled so its messages keep their owner.</summary>
    public async Task<AccountChangeResult> RemoveAsync(string id, CancellationToken ct = default)
    {
        var existing = await store.FindAsync(id, ct);
        if (existing is null)
        {
            return new AccountChangeResult(AccountChangeStatus.NotFound);
        }

        if (ReadOnly(existing) is { } why)
        {
            return new AccountChangeResult(AccountChangeStatus.Conflict, existing) { Detail = why };
        }

        await store.RemoveAsync(id, ct);
        registry.Invalidate(id);
        var after = await store.FindAsync(id, ct);
        return new AccountChangeResult(AccountChangeStatus.Done, after)
        {
            Detail = after is null ? "Deleted." : "Disabled: the account has history, which keeps its owner.",
        };
    }

    /// <summary>Runs the provider's connection test; null when the account does not exist.</summary>
    public async Task<AccountTestResult?> TestAsync(string id, CancellationToken ct = default)
    {
        var account = await store.FindAsync(id, ct);
        if (account is null)
        {
            return null;
        }

        var tester = testers.FirstOrDefault(t => string.Equals(t.Provider, account.Provider, StringComparison.OrdinalIgnoreCase));
        return tester is null
            ? new AccountTestResult(false, $"This build has no connection test for provider '{account.Provider}'.")
            : await tester.TestAsync(account, ct);
    }

    public bool HasTester(string provider) =>
        testers.Any(t => string.Equals(t.Provider, provider, StringComparison.OrdinalIgnoreCase));

    /// <summary>Splits secret keys given among the settings into the secrets, where they belong.</summary>
    public static Account Normalize(Account draft)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var secrets = new Dictionary<string, string>(draft.Secrets, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in draft.Settings)
        {
            (AccountSecrets.IsSecret(k) ? secrets : settings)[k] = v;
        }

        return draft with { Provider = draft.Provider.Trim().ToLowerInvariant(), Settings = settings, Secrets = secrets };
    }

    private static IEnumerable<FieldError> SecretsInSettings(IReadOnlyDictionary<string, string>? settings) =>
        (settings ?? new Dictionary<string, string>()).Keys.Where(AccountSecrets.IsSecret)
            .Select(k => new FieldError($"settings.{k}", $"'{k}' is a secret: send it in 'secrets', where it is stored encrypted."));

    private static string? ReadOnly(Account account) => account.Source switch
    {
        "config" => $"Account '{account.Id}' is declared in configuration (Parley:Accounts) and re-applied at every start; change it there.",
        "builtin" => $"Account '{account.Id}' is built in; it follows its channel's configuration (for the sandbox: Parley:Sandbox).",
        _ => null,
    };
}
