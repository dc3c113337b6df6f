namespace Parley.Hosting;

/// <summary>Server addresses as a person opens them in a browser.</summary>
public static class ServerAddress
{
    /// <summary>A listening address with a wildcard host (<c>http://[::]:5000</c>, <c>http://+:80</c>) as <c>http://localhost:…</c>, without a trailing slash.</summary>
    public static string Browsable(string address) =>
        address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
}
