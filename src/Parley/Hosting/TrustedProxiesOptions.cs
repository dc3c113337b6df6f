using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Parley.Hosting;

/// <summary>
/// <c>Parley:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Parley
/// believes. Empty (the default): no forwarded header is read, from anyone. Each list takes a configuration array
/// (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>) or one comma-separated value (<c>Parley__ForwardedHeaders__KnownProxies=10.0.0.5,10.0.0.6</c>).
/// </summary>
public sealed class TrustedProxiesOptions : IValidatableObject
{
    public const string SectionName = "Parley:ForwardedHeaders";

    /// <summary>IP addresses of the proxies (for nginx on the same machine: <c>127.0.0.1</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation (<c>10.0.0.0/24</c>), for a pool of load balancers.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<IPAddress> Proxies() => KnownProxies.Select(IPAddress.Parse);

    public IEnumerable<IPNetwork> Networks() => KnownNetworks.Select(n => IPNetwork.Parse(n));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"{SectionName}:KnownProxies: '{proxy}' is not an IP address (like 127.0.0.1 or 10.0.0.5).", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"{SectionName}:KnownNetworks: '{network}' is not a network in CIDR notation (like 10.0.0.0/24).", [nameof(KnownNetworks)]);
        }
    }

    /// <summary>Reads both lists from the section, accepting arrays and comma- or space-separated values.</summary>
    internal void Bind(IConfiguration section)
    {
        KnownProxies = ConfigList(section.GetSection(nameof(KnownProxies)));
        KnownNetworks = ConfigList(section.GetSection(nameof(KnownNetworks)));
    }

    private static List<string> ConfigList(IConfigurationSection section) =>
        [.. new[] { section.Value }.Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
