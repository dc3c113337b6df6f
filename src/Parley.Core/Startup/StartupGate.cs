namespace Parley.Core.Startup;

/// <summary>
/// Opens once the schema is current and every <see cref="IStartupTask"/> has run. Workers and jobs wait for it before
/// touching the database; readiness reports it. While the database is unreachable at start, it stays shut and the
/// runner keeps trying.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _open.Task.IsCompletedSuccessfully;

    /// <summary>Why the gate is still shut, for readiness: null while nothing went wrong.</summary>
    public string? Waiting { get; internal set; }

    public Task WaitAsync(CancellationToken ct) => _open.Task.WaitAsync(ct);

    internal void Open()
    {
        Waiting = null;
        _open.TrySetResult();
    }
}
