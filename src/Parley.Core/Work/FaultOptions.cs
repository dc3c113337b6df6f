namespace Parley.Core.Work;

/// <summary>
/// Fault injection for crash tests (<c>Parley:Faults</c>). Off unless set; never set it in production.
/// </summary>
public sealed class FaultOptions
{
    public const string SectionName = "Parley:Faults";

    /// <summary>
    /// When an inbound text message equals this value, the process kills itself after the bot answered and
    /// before the replies are committed: the moment a crash could lose or duplicate a reply.
    /// </summary>
    public string? KillBeforeCommitOnText { get; set; }
}
