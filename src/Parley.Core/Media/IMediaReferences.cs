namespace Parley.Core.Media;

/// <summary>
/// A module that keeps stored media outside messages (the resort's activity images) says which of them it still uses,
/// so the orphaned-media retention (<c>Parley:Retention:Media</c>) never deletes them.
/// </summary>
public interface IMediaReferences
{
    /// <summary>Those of <paramref name="mediaIds"/> the module uses.</summary>
    Task<IReadOnlySet<string>> InUseAsync(IReadOnlyCollection<string> mediaIds, CancellationToken ct);
}
