namespace Parley.Core.Work;

/// <summary>Names this process in leases, so a restarted or second instance never mistakes another's work for its own.</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.ProcessId}:{Guid.NewGuid():N}";
}
