using System.Security.Cryptography;
using System.Text;
using Parley.Core.Redis;
using StackExchange.Redis;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// Data source results in Redis for their time to live, shared by every instance: a query answered on one instance
/// is not run again on another. Keys are hashes (the bound values can be a user's words). <see cref="ClearAsync"/> moves
/// every instance to a new generation of keys (the old ones expire by themselves). Without Redis, or while it is down,
/// the in-process <see cref="MemoryDataSourceCache"/> answers.
/// </summary>
public sealed class RedisDataSourceCache(RedisConnection redis, MemoryDataSourceCache local) : IDataSourceCache
{
    // KEYS: 1 the generation counter. ARGV: 1 the entry's key without its generation.
    // Returns { generation, entry or false } in one round trip.
    private const string ReadScript =
        """
        local generation = redis.call('GET', KEYS[1]) or '0'
        return { generation, redis.call('GET', ARGV[1] .. ':' .. generation) }
        """;

    public async Task<DataResult> GetOrAddAsync(string key, TimeSpan ttl, Func<CancellationToken, Task<DataResult>> load, CancellationToken ct)
    {
        var entry = redis.Key("ds:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        var read = await redis.TryAsync(db => db.ScriptEvaluateAsync(ReadScript, [redis.Key("ds:generation")], [entry.ToString()]), ct);
        if (!read.Ok)
        {
            return await local.GetOrAddAsync(key, ttl, load, ct);
        }

        var parts = (RedisResult[])read.Value!;
        var generation = (string?)parts[0] ?? "0";
        if (!parts[1].IsNull && (byte[]?)parts[1] is { } cached)
        {
            return DataResultCodec.Decode(cached);
        }

        var result = await load(ct);
        var bytes = DataResultCodec.Encode(result);
        // A failed write only costs another instance a query; the result is returned either way.
        await redis.TryAsync(db => db.StringSetAsync($"{entry}:{generation}", bytes, ttl), ct);
        return result;
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await local.ClearAsync(ct);
        // While Redis is down this instance cannot tell the others; their entries still expire with their TTL.
        await redis.TryAsync(db => db.StringIncrementAsync(redis.Key("ds:generation")), ct);
    }
}
