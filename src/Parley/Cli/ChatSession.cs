using System.Globalization;
using System.Text;
using Parley.Channels.Sandbox;
using Parley.Core.Messaging;

namespace Parley.Cli;

/// <summary>
/// One terminal conversation: shows the recent thread, sends what the person types at the <c>you&gt;</c> prompt and prints the
/// bot's replies as they arrive, each line of a message indented under its speaker.
/// </summary>
public sealed class ChatSession(HttpClient http, string account, string from, string? name)
{
    /// <summary>How many earlier messages are shown when the chat starts.</summary>
    public const int RecentMessages = 10;

    private const string You = "you> ";
    private const string Bot = "bot> ";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly List<(string Id, string Title, string Kind)> _choices = [];
    private readonly Lock _choicesLock = new();
    private readonly SemaphoreSlim _output = new(1, 1);
    private long _lastSeen;
    private long _lastSent;
    private long _lastPrinted;

    /// <summary>A person at a terminal (not a script): a prompt is shown and redrawn under each reply.</summary>
    public bool Prompt { get; init; } = !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken ct)
    {
        Console.OutputEncoding = Encoding.UTF8;
        await output.WriteLineAsync($"Chatting with '{account}' as {(name is null ? from : $"{name} ({from})")}. Numbers pick buttons and list rows; /quit leaves.");
        await ShowRecentAsync(output, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var printer = PrintRepliesAsync(output, stop.Token);
        try
        {
            await WritePromptAsync(output);
            while (await input.ReadLineAsync(ct) is { } line)
            {
                line = line.Trim();
                if (line.Length == 0)
                {
                    await WritePromptAsync(output);
                    continue;
                }

                if (line is "/quit" or "/exit")
                {
                    break;
                }

                var failure = await SendAsync(line, ct);
                if (failure is not null)
                {
                    await WriteAsync(output, $"(not sent: {failure})");
                }
                else if (Console.IsInputRedirected)
                {
                    // A script types faster than the bot answers: wait, so a number picks from the latest menu.
                    await WaitForRepliesAsync(ct);
                }
            }

            await WaitForRepliesAsync(ct);
        }
        finally
        {
            await stop.CancelAsync();
            await printer;
        }

        return 0;
    }

    /// <summary>A message as the terminal shows it: the speaker, then every further line indented under the first.</summary>
    public static string Format(string speaker, string text)
    {
        var indent = new string(' ', speaker.Length);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return speaker + string.Join('\n', lines.Select((line, i) => i == 0 || line.Length == 0 ? line : indent + line));
    }

    /// <summary>The last messages of this contact with the bot, so a chat picks up where it was (and a number picks from the last menu).</summary>
    private async Task ShowRecentAsync(TextWriter output, CancellationToken ct)
    {
        var thread = await FetchAsync(0, ct);
        _lastSeen = thread.Count == 0 ? 0 : thread.Max(m => long.Parse(m.Id, CultureInfo.InvariantCulture));
        if (thread.Count == 0)
        {
            return;
        }

        var recent = thread.TakeLast(RecentMessages).ToList();
        await output.WriteLineAsync(thread.Count > recent.Count ? $"(the last {recent.Count} of {thread.Count} messages)" : "(earlier in this conversation)");
        foreach (var m in recent)
        {
            await output.WriteLineAsync(m.Direction == StoredMessage.Outbound ? Render(m) : RenderOwn(m));
        }

        await output.WriteLineAsync("(now)");
    }

    private async Task<string?> SendAsync(string line, CancellationToken ct)
    {
        object body = new { from, name, text = line };
        lock (_choicesLock)
        {
            if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= _choices.Count)
            {
                var choice = _choices[n - 1];
                body = new { from, name, interactive = new { id = choice.Id, title = choice.Title, kind = choice.Kind } };
            }
        }

        using var response = await http.PostAsJsonAsync($"api/v1/sandbox/{Uri.EscapeDataString(account)}/messages", body, ct);
        if (!response.IsSuccessStatusCode)
        {
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
        }

        var accepted = await response.Content.ReadFromJsonAsync<SandboxAccepted>(ct);
        Interlocked.Exchange(ref _lastSent, long.Parse(accepted!.Id, CultureInfo.InvariantCulture));
        return null;
    }

    private async Task PrintRepliesAsync(TextWriter output, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                foreach (var m in await FetchAsync(_lastSeen, ct))
                {
                    _lastSeen = Math.Max(_lastSeen, long.Parse(m.Id, CultureInfo.InvariantCulture));
                    if (m.Direction == StoredMessage.Outbound)
                    {
                        await WriteAsync(output, Render(m));
                        Interlocked.Exchange(ref _lastPrinted, _lastSeen);
                    }
                }

                await Task.Delay(Poll, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException ex)
            {
                await WriteAsync(output, $"(server unreachable: {ex.Message})");
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>At the end of piped input, waits until the bot has answered the last message (at most 15 s).</summary>
    private async Task WaitForRepliesAsync(CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var quietSince = clock.Elapsed;
        var printed = Interlocked.Read(ref _lastPrinted);
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(Poll, ct);
            var now = Interlocked.Read(ref _lastPrinted);
            if (now != printed)
            {
                printed = now;
                quietSince = clock.Elapsed;
            }

            if (printed > Interlocked.Read(ref _lastSent) && clock.Elapsed - quietSince > TimeSpan.FromSeconds(1))
            {
                return;
            }
        }
    }

    /// <summary>Prints a line; at a terminal, over the prompt, which is then drawn again below it.</summary>
    private async Task WriteAsync(TextWriter output, string text)
    {
        await _output.WaitAsync();
        try
        {
            if (Prompt)
            {
                await output.WriteAsync("\r\u001b[K");
            }

            await output.WriteLineAsync(text);
            if (Prompt)
            {
                await output.WriteAsync(You);
            }
        }
        finally
        {
            _output.Release();
        }
    }

    private async Task WritePromptAsync(TextWriter output)
    {
        if (Prompt)
        {
            await _output.WaitAsync();
            try
            {
                await output.WriteAsync(You);
            }
            finally
            {
                _output.Release();
            }
        }
    }

    private async Task<List<SandboxMessageView>> FetchAsync(long after, CancellationToken ct) =>
        await http.GetFromJsonAsync<List<SandboxMessageView>>(
            $"api/v1/sandbox/{Uri.EscapeDataString(account)}/messages?contact={Uri.EscapeDataString(from)}&after={after}", ct) ?? [];

    private string Render(SandboxMessageView m)
    {
        // At a terminal WhatsApp's *bold* and _italic_ show as such; a script reads the text as sent.
        var body = m.Text ?? m.Template?.RenderedText ?? "";
        var text = new StringBuilder(Prompt ? Formatting.WhatsAppText.Terminal(body) : body);
        var choices = new List<(string Id, string Title, string Kind)>();
        if (m.Interactive?.Buttons is { } buttons)
        {
            choices.AddRange(buttons.Select(b => (b.Id, b.Title, "button_reply")));
        }

        if (m.Interactive?.Sections is { } sections)
        {
            foreach (var section in sections)
            {
                choices.AddRange(section.Rows.Select(r => (r.Id, r.Title + (r.Description is null ? "" : $" — {r.Description}"), "list_reply")));
            }
        }

        if (choices.Count > 0)
        {
            lock (_choicesLock)
            {
                _choices.Clear();
                _choices.AddRange(choices);
            }

            for (var i = 0; i < choices.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n[{i + 1}] {choices[i].Title}");
            }
        }

        if (m.Location is { } l)
        {
            text.Append(CultureInfo.InvariantCulture, $"📍 {l.Name} {l.Address} ({l.Latitude}, {l.Longitude})");
        }

        if (m.Media is { } media)
        {
            text.Append(CultureInfo.InvariantCulture, $" [{m.Type}: {media.FileName ?? media.Url}]");
        }

        return Format(Bot, text.ToString().Trim());
    }

    /// <summary>What the person sent earlier, as they would have typed it.</summary>
    private static string RenderOwn(SandboxMessageView m) =>
        Format(You, m.Reply is { } reply ? $"{(reply.Kind == "list_reply" ? "Chose from the list" : "Pressed")}: {reply.Title ?? reply.Id}"
            : m.Media is { } media ? $"[{m.Type}: {media.FileName ?? "file"}]{(string.IsNullOrEmpty(m.Text) ? "" : " " + m.Text)}"
            : m.Text ?? $"[{m.Type}]");
}
