namespace Parley.Api;

/// <summary>A page of a list, newest first. Pass <see cref="NextCursor"/> as <c>cursor</c> to get the next page; absent on the last.</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? NextCursor);
