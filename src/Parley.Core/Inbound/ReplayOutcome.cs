namespace Parley.Core.Inbound;

public enum ReplayOutcome
{
    /// <summary>Parsed and stored again; its messages are processed (duplicates stay no-ops).</summary>
    Replayed,
    NotFound,
    /// <summary>Only failed events are replayed: the others were stored already.</summary>
    NotFailed,
    /// <summary>No replayer for the event's provider in this build; the event stays failed.</summary>
    Unsupported,
    /// <summary>The account is gone or disabled; the event stays failed.</summary>
    AccountMissing,
    /// <summary>Parsing or storing failed again; the event stays failed with the new reason.</summary>
    Failed,
}
