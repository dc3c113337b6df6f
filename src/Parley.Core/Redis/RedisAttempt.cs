namespace Parley.Core.Redis;

/// <summary>The outcome of a Redis call through <see cref="RedisConnection.TryAsync{T}"/>: Ok false means "use the in-process path".</summary>
public readonly record struct RedisAttempt<T>(bool Ok, T Value);
