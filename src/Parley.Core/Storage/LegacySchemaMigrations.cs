namespace Parley.Core.Storage;

/// <summary>
/// The schema versions Parley recorded before modules owned their migrations (one global number per script, in
/// blocks per area), and the (module, version) each became. A database made by such a build is upgraded once, in the
/// migrator's transaction: its record is rewritten, no script runs again.
/// </summary>
internal static class LegacySchemaMigrations
{
    public static IReadOnlyDictionary<int, (string Module, int Version, string Name)> Map { get; } =
        new Dictionary<int, (string, int, string)>
        {
            [1] = ("core", 1, "initial"),
            [2] = ("core", 2, "templates"),
            [3] = ("core", 3, "transient_retries"),
            [20] = ("bots", 1, "engine"),
            [21] = ("bots", 2, "ministry_demo"),
            [30] = ("ai", 1, "knowledge"),
            [31] = ("ai", 2, "usage"),
            [40] = ("core", 4, "api_keys"),
            [41] = ("core", 5, "outgoing_webhooks"),
            [42] = ("core", 6, "webhook_event_replays"),
            [43] = ("core", 7, "statistics_indexes"),
            [45] = ("core", 8, "operators"),
            [46] = ("core", 9, "canned_responses"),
            [50] = ("core", 10, "job_leases"),
        };
}
