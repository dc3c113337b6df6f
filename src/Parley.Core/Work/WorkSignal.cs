namespace Parley.Core.Work;

/// <summary>
/// Wakes a worker in this process as soon as there is work, so workers do not poll tightly.
/// Signals coalesce: many notifications before a wait wake it once.
/// </summary>
public sealed class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread released it first: the worker is already woken.
            }
        }
    }

    /// <summary>Waits for a notification or the timeout; returns true when notified.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
