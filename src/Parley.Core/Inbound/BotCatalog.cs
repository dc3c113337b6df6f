using Parley.Core.Accounts;
using Parley.Core.Bots;

namespace Parley.Core.Inbound;

/// <summary>Finds the bot that serves an account: its own <c>Bot</c> setting, else the default bot.</summary>
public sealed class BotCatalog(IEnumerable<IBot> bots, Microsoft.Extensions.Options.IOptions<BotOptions> options)
{
    private readonly Dictionary<string, IBot> _bots = bots.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<IBot> All => _bots.Values;

    public string DefaultBot => options.Value.Default;

    public bool Exists(string name) => _bots.ContainsKey(name);

    public IBot For(Account account)
    {
        var name = account.Bot ?? options.Value.Default;
        return _bots.TryGetValue(name, out var bot)
            ? bot
            : throw new InvalidOperationException($"Account '{account.Id}' asks for bot '{name}', which is not registered (known: {string.Join(", ", _bots.Keys)}).");
    }
}
