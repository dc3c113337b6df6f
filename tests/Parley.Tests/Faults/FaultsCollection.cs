namespace Parley.Tests.Faults;

/// <summary>
/// The fault tests run one at a time and beside nothing else: they cut databases, kill processes and count what
/// arrives, and on a small machine a neighbour's load would only stretch their waits.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}

/// <summary>Parley's settings for the fault tests.</summary>
public static class FaultSettings
{
    /// <summary>
    /// The echo bot's Meta account at <paramref name="graph"/> plus <paramref name="extra"/>: send limits off (the tests
    /// count answers, not throttling), short polls and backoff, no template sync. Null values are left out, so the
    /// result also works as command-line arguments of a <see cref="Parley.Testing.ParleyProcess"/>.
    /// </summary>
    public static Dictionary<string, string?> For(FakeMetaGraph graph, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(graph.AccountSettings())
        {
            ["Parley:Outbound:PairInterval"] = "00:00:00",
            ["Parley:Outbound:MessagesPerSecond"] = "100000",
            ["Parley:Workers:PollInterval"] = "00:00:00.200",
            ["Parley:Workers:BaseBackoff"] = "00:00:00.200",
            ["Parley:Meta:TemplateSyncInterval"] = "00:00:00",
            // Each contact writes every two seconds for as long as the kills take: the per-contact rate limit (tested by the
            // rules' own tests) would answer some with "wait a minute" instead of the echo these tests count.
            ["Parley:Engine:RateLimit:Messages"] = "0",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return settings.Where(kv => kv.Value is not null).ToDictionary();
    }
}
