using System.Globalization;
using Dapper;
using Parley.Core.Messaging;

namespace Parley.Tests.Ai;

/// <summary>Waits for the inbound worker to finish a message, for tests that check what did not happen.</summary>
internal static class Processing
{
    public static async Task WaitAsync(TestApp app, string messageId, TimeSpan? timeout = null)
    {
        var id = long.Parse(messageId, CultureInfo.InvariantCulture);
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
        while (true)
        {
            await using (var c = await app.Get<Database>().OpenAsync())
            {
                var state = await c.ExecuteScalarAsync<long>("SELECT process_state FROM messages WHERE id = @id", new { id });
                if (state is ProcessStates.Done or ProcessStates.Failed)
                {
                    return;
                }
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Message {id} was not processed in time.");
            }

            await Task.Delay(50);
        }
    }
}
