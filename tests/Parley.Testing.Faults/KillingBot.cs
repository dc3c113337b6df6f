using Parley.Core.Bots;

namespace Parley.Testing.Faults;

/// <summary>
/// The bot <c>crash</c>: answers as the echo bot does, then, for the text <see cref="Trigger"/>, kills its process
/// (SIGKILL) after the answer and before the processor commits it: the crash a test of "nothing lost, nothing sent
/// twice" needs at a known point.
/// </summary>
internal sealed class KillingBot(IBot inner) : IBot
{
    public const string Trigger = "crash here";

    public string Name => "crash";

    public string Description => "Echo, and a crash on 'crash here' (tests only).";

    public async Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct)
    {
        var result = await inner.HandleAsync(request, ct);
        if (request.Message.Content.Text == Trigger)
        {
            // Straight to stderr: a logger's queue would die with the process.
            await Console.Error.WriteLineAsync($"Fault injection: killing the process before committing message {request.Message.Id}");
            await Console.Error.FlushAsync(ct);
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        return result;
    }
}
