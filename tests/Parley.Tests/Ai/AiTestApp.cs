namespace Parley.Tests.Ai;

/// <summary>Starts Parley with the assistant offline, or pointed at a fake provider.</summary>
internal static class AiTestApp
{
    public const string ApiKey = "sk-parley-test-0123456789";

    /// <summary>The offline assistant (the default), without the burst wait unless a test asks for it.</summary>
    public static Task<TestApp> OfflineAsync(DatabaseKind kind = DatabaseKind.Sqlite, IDictionary<string, string?>? extra = null) =>
        TestApp.StartAsync(kind, Merge(new() { ["Parley:Ai:BurstDelay"] = "00:00:00" }, extra));

    public static Task<TestApp> WithOpenAiAsync(FakeOpenAi fake, DatabaseKind kind = DatabaseKind.Sqlite, IDictionary<string, string?>? extra = null) =>
        TestApp.StartAsync(kind, Merge(new()
        {
            ["Parley:Ai:Provider"] = "openai-compatible",
            ["Parley:Ai:BaseUrl"] = fake.BaseUrl,
            ["Parley:Ai:ApiKey"] = ApiKey,
            ["Parley:Ai:Model"] = "fake-gpt",
            ["Parley:Ai:EmbeddingModel"] = "fake-embed",
            ["Parley:Ai:TranscriptionModel"] = "fake-whisper",
            ["Parley:Ai:VisionModel"] = "fake-vision",
            ["Parley:Ai:BurstDelay"] = "00:00:00",
            ["Parley:Ai:Timeout"] = "00:00:05",
        }, extra));

    public static Task<TestApp> WithAnthropicAsync(FakeAnthropic fake, DatabaseKind kind = DatabaseKind.Sqlite, IDictionary<string, string?>? extra = null) =>
        TestApp.StartAsync(kind, Merge(new()
        {
            ["Parley:Ai:Provider"] = "anthropic",
            ["Parley:Ai:BaseUrl"] = fake.BaseUrl,
            ["Parley:Ai:ApiKey"] = ApiKey,
            ["Parley:Ai:Model"] = "claude-fake",
            ["Parley:Ai:BurstDelay"] = "00:00:00",
            ["Parley:Ai:Timeout"] = "00:00:05",
        }, extra));

    private static Dictionary<string, string?> Merge(Dictionary<string, string?> settings, IDictionary<string, string?>? extra)
    {
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return settings;
    }
}
