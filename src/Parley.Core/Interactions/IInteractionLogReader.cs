using Parley.Core.Storage;

namespace Parley.Core.Interactions;

/// <summary>
/// Reads the bot engine's interaction log for the admin UI. The engine (Parley.Bots) registers an implementation;
/// without one the admin says the log is not part of this build.
/// </summary>
public interface IInteractionLogReader
{
    Task<Page<InteractionEntry>> ListAsync(InteractionFilter filter, CancellationToken ct);
}
