namespace Parley.Core.Startup;

/// <summary>
/// Work a module must finish before Parley takes messages (seeding, importing definitions). The
/// <see cref="StartupRunner"/> runs the tasks by <see cref="Phase"/>, then by <see cref="Name"/>, never by the order
/// in which they were registered.
/// </summary>
public interface IStartupTask
{
    /// <summary>A short unique name for logs, e.g. <c>bots.definitions</c>.</summary>
    string Name { get; }

    StartupPhase Phase { get; }

    Task RunAsync(CancellationToken ct);
}
