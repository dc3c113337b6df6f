namespace Parley.Core.Storage;

/// <summary>
/// Group commit for the workers' short write transactions on SQLite. Units that arrive while a group is being
/// written wait in a queue; the next transaction runs all of them one after another, each inside its own savepoint,
/// and commits once. SQLite has one writer per file, so instead of a turn of the write gate (and a thread-pool hop to
/// hand it over) per claim, lease and reply, many units share one turn and one commit. A unit that throws or
/// discards is rolled back to its savepoint alone; the others commit. Each caller's task completes only after the
/// commit that holds its unit, so a result is never reported for work that was not made durable.
/// </summary>
/// <remarks>Units must use the connection they are given: opening another write transaction inside a unit would wait
/// for the gate this group holds.</remarks>
internal sealed class WriteGroups(Database database, int maxGroupSize)
{
    private readonly Lock _lock = new();
    private readonly Queue<PendingWrite> _queue = new();
    private bool _draining;

    public Task<T> RunAsync<T>(Func<WriteContext, Task<T>> unit, CancellationToken ct)
    {
        var pending = new PendingWrite<T>(unit, ct);
        bool start;
        lock (_lock)
        {
            _queue.Enqueue(pending);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return pending.Task.WaitAsync(ct);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var group = new List<PendingWrite>();
            lock (_lock)
            {
                while (group.Count < maxGroupSize && _queue.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                if (group.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await WriteGroupAsync(group);
        }
    }

    private async Task WriteGroupAsync(List<PendingWrite> group)
    {
        var done = new List<PendingWrite>(group.Count);
        try
        {
            await using var c = await database.OpenAsync(CancellationToken.None);
            await using var tx = await database.BeginWriteAsync(c, CancellationToken.None);
            foreach (var pending in group)
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Cancel();
                    continue;
                }

                await tx.SaveAsync("unit");
                var context = new WriteContext(c, tx, pending.CancellationToken);
                try
                {
                    await pending.RunAsync(context);
                    if (context.Discarded)
                    {
                        await tx.RollbackAsync("unit");
                    }

                    done.Add(pending);
                }
                catch (Exception ex)
                {
                    pending.Fail(ex);
                    await tx.RollbackAsync("unit");
                }

                await tx.ReleaseAsync("unit");
            }

            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The transaction itself failed (commit, savepoint, connection): nothing of this group is durable.
            foreach (var pending in group)
            {
                pending.Fail(ex);
            }

            return;
        }

        foreach (var pending in done)
        {
            pending.Complete();
        }
    }

    private abstract class PendingWrite(CancellationToken ct)
    {
        public CancellationToken CancellationToken { get; } = ct;

        public abstract Task RunAsync(WriteContext context);

        public abstract void Complete();

        public abstract void Fail(Exception error);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<WriteContext, Task<T>> unit, CancellationToken ct) : PendingWrite(ct)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(WriteContext context) => _result = await unit(context);

        public override void Complete() => _completion.TrySetResult(_result!);

        public override void Fail(Exception error) => _completion.TrySetException(error);

        public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
    }
}
