namespace Parley.Core.Work;

/// <summary>The two queues of the messaging core: inbound processing and outbound sending.</summary>
public sealed class WorkSignals
{
    public WorkSignal Inbound { get; } = new();
    public WorkSignal Outbound { get; } = new();
}
