using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Parley.Testing;

/// <summary>One captured log entry: what a structured sink (the JSON console) would write, flattened to text for checks.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, IReadOnlyDictionary<string, string> State, IReadOnlyList<IReadOnlyDictionary<string, string>> Scopes, string? Exception)
{
    /// <summary>Everything a sink could write for this entry.</summary>
    public string AllText()
    {
        var b = new StringBuilder(Message);
        foreach (var (k, v) in State)
        {
            b.Append(' ').Append(k).Append('=').Append(v);
        }

        foreach (var scope in Scopes)
        {
            foreach (var (k, v) in scope)
            {
                b.Append(' ').Append(k).Append('=').Append(v);
            }
        }

        return b.Append(' ').Append(Exception).ToString();
    }
}

/// <summary>
/// Records every log entry (level, category, message, state properties, scopes, exception) in memory, so tests can
/// check what Parley logs: that phone numbers are masked and message bodies and secrets stay out of the logs.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<IReadOnlyDictionary<string, string>>();
            owner._scopes.ForEachScope((scope, list) => list.Add(Flatten(scope)), scopes);
            owner._entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), Flatten(state), scopes, exception?.ToString()));
        }

        private static Dictionary<string, string> Flatten(object? value)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (k, v) in pairs)
                {
                    result[k] = Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                }
            }
            else if (value is not null)
            {
                result["(value)"] = value.ToString() ?? "";
            }

            return result;
        }
    }
}
