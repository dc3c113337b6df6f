namespace Parley.Api;

/// <summary>A page of a list, newest first. Pass <c>nextCursor</c> as <c>cursor</c> to get the next page; it is absent on the last page.</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? NextCursor);
