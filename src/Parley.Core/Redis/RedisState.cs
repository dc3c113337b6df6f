namespace Parley.Core.Redis;

/// <summary>Whether Redis serves right now.</summary>
public enum RedisState
{
    /// <summary>No <c>Parley:Redis:Configuration</c>: everything runs in this process.</summary>
    NotConfigured,

    /// <summary>The first connection is being made; the in-process path answers meanwhile.</summary>
    Connecting,

    Available,

    /// <summary>Configured but failing: the in-process path answers until a call succeeds again.</summary>
    Unavailable,
}
