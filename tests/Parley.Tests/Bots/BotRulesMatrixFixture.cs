namespace Parley.Tests.Bots;

/// <summary>
/// One Parley for the rule matrix, with the assistant on a fake OpenAI-compatible model. For each built-in bot two
/// sandbox accounts: <c>{bot}-rules</c> (a block list, 3 answers per minute, a 2-second session) and <c>{bot}-allow</c>
/// (an allow-list with its notice).
/// </summary>
public sealed class BotRulesMatrixFixture : IAsyncLifetime
{
    public const string BlockedNumber = "+15550009999";
    public const string AllowedNumber = "+15550001000";
    public const string Notice = "This number only serves registered members.";
    public static readonly string[] Bots = ["assistant", "echo", "ministry"];

    public FakeOpenAi Model { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeOpenAi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Ai:Provider"] = "openai-compatible",
            ["Parley:Ai:BaseUrl"] = Model.BaseUrl,
            ["Parley:Ai:Model"] = "fake-gpt",
            ["Parley:Ai:EmbeddingModel"] = "none",
            ["Parley:Ai:BurstDelay"] = "00:00:00",
            ["Parley:Ai:Timeout"] = "00:00:05",
        };
        var n = 0;
        foreach (var bot in Bots)
        {
            var rules = $"Parley:Accounts:{n++}:";
            settings[rules + "Id"] = $"{bot}-rules";
            settings[rules + "Provider"] = "sandbox";
            settings[rules + "Bot"] = bot;
            settings[rules + "BlockList"] = BlockedNumber;
            settings[rules + "RateLimit:Messages"] = "3";
            settings[rules + "SessionTimeout"] = "2";
            var allow = $"Parley:Accounts:{n++}:";
            settings[allow + "Id"] = $"{bot}-allow";
            settings[allow + "Provider"] = "sandbox";
            settings[allow + "Bot"] = bot;
            settings[allow + "AllowList"] = AllowedNumber;
            settings[allow + "AllowListNotice"] = Notice;
        }

        App = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Model.DisposeAsync();
    }
}
