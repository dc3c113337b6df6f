namespace Parley.Core.Contacts;

/// <summary>
/// A module whose own tables hold contact or conversation ids (the bots' interaction log) moves its rows when contacts
/// are merged (<see cref="ContactMerge"/>); Core's script may not touch another module's tables. Each merge is handed to
/// each follower once (<see cref="ContactMergeFollowers"/>), at start, before Parley takes messages.
/// </summary>
public interface IContactMergeFollower
{
    /// <summary>The module's name; progress is recorded under it.</summary>
    string Module { get; }

    /// <summary>Moves the module's rows of <paramref name="merges"/> (in id order); must be safe to run again.</summary>
    Task ApplyAsync(IReadOnlyList<ContactMerge> merges, CancellationToken ct);
}
