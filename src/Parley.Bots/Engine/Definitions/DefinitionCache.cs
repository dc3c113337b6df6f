using System.Collections.Concurrent;

namespace Parley.Bots.Engine.Definitions;

/// <summary>
/// Keeps what was read from the definition tables for <see cref="EngineOptions.DefinitionsCacheTtl"/>, so a
/// message costs no definition queries; changes made elsewhere (another instance, the CLI) show up after
/// that time, changes made through this process at once (<see cref="Clear"/>).
/// </summary>
public sealed class DefinitionCache(TimeProvider time, Microsoft.Extensions.Options.IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, (object? Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Expires > now)
        {
            return (T)hit.Value!;
        }

        var value = await load(ct);
        _entries[key] = (value, now + options.Value.DefinitionsCacheTtl);
        return value;
    }

    public void Clear() => _entries.Clear();
}
