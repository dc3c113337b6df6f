namespace Parley.Core.Storage;

/// <summary>
/// One page of a list read newest first by id (keyset paging): <see cref="NextBeforeId"/> is the id to continue
/// below, or null on the last page. The API turns it into an opaque cursor; the admin UI can use it as is.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextBeforeId)
{
    public static readonly Page<T> Empty = new([], null);

    /// <summary>Builds a page from up to <paramref name="limit"/> + 1 rows read in descending id order.</summary>
    public static Page<T> From(IReadOnlyList<T> rows, int limit, Func<T, long> id) =>
        rows.Count > limit ? new Page<T>(rows.Take(limit).ToList(), id(rows[limit - 1])) : new Page<T>(rows, null);
}
