using Microsoft.Extensions.AI;
using Parley.Ai.Chat;
using Parley.Testing.Fakes;

namespace Parley.Ai.Tests.Chat;

/// <summary>The provider SDKs behind IChatClient, against fake OpenAI-compatible and Anthropic servers on 127.0.0.1.</summary>
public sealed class ProviderClientTests
{
    [Theory]
    [InlineData(AiProviders.OpenAiCompatible)]
    [InlineData(AiProviders.OpenAi)]
    [InlineData(AiProviders.OpenRouter)]
    public async Task OpenAiStyle_SendsKeyModelAndMessages_AndReadsAnswerAndUsage(string provider)
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: "sk-test-123");
        using var clients = new AiClients();
        var settings = new AiSettings { Provider = provider, ApiKey = "sk-test-123", Model = "gpt-fake", BaseUrl = fake.BaseUrl };
        var chat = clients.Chat(settings).ShouldNotBeNull();

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are terse."), new ChatMessage(ChatRole.User, "hello"), new ChatMessage(ChatRole.Assistant, "hi"), new ChatMessage(ChatRole.User, "how are you?")],
            new ChatOptions { MaxOutputTokens = 50, Temperature = 0.2f });

        response.Text.ShouldBe("Fake answer to: how are you?");
        response.Usage!.InputTokenCount!.Value.ShouldBeGreaterThan(0);
        response.Usage.OutputTokenCount.ShouldBe(6);
        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.Model.ShouldBe("gpt-fake");
        request.System.ShouldBe("You are terse.");
        request.Messages.Select(m => m.Role).ShouldBe(["user", "assistant", "user"]);
        request.Raw.Header("Authorization").ShouldBe("Bearer sk-test-123");
        request.Raw.Json.GetProperty("max_completion_tokens").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task AzureOpenAi_SendsTheKeyAsApiKeyHeader()
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: "azure-key-1");
        using var clients = new AiClients();
        var chat = clients.Chat(new AiSettings { Provider = AiProviders.AzureOpenAi, ApiKey = "azure-key-1", Model = "my-deployment", BaseUrl = fake.BaseUrl })!;

        var response = await chat.GetResponseAsync("ping");

        response.Text.ShouldBe("Fake answer to: ping");
        var request = fake.Requests.ShouldHaveSingleItem();
        request.Header("api-key").ShouldBe("azure-key-1");
        request.Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task OpenAiStyle_SendsImagesAsImageParts()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        using var clients = new AiClients();
        var chat = clients.Chat(new AiSettings { Provider = AiProviders.OpenAiCompatible, Model = "llava", BaseUrl = fake.BaseUrl })!;

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")])]);

        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.Images.ShouldBe(1);
        request.Raw.Text.ShouldContain("data:image/png;base64,iVBORw==");
    }

    [Fact]
    public async Task OpenAiStyle_Refusal_IsAContentFilterFinish()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Fail(new FakeFailure.Refusal());
        using var clients = new AiClients();
        var chat = clients.Chat(new AiSettings { Provider = AiProviders.OpenAiCompatible, Model = "m", BaseUrl = fake.BaseUrl })!;

        var response = await chat.GetResponseAsync("something bad");

        response.FinishReason.ShouldBe(ChatFinishReason.ContentFilter);
    }

    [Fact]
    public async Task Anthropic_SendsKeyModelSystemAndMessages_AndReadsAnswerAndUsage()
    {
        await using var fake = await FakeAnthropic.StartAsync(requiredKey: "sk-ant-test");
        using var clients = new AiClients();
        var chat = clients.Chat(new AiSettings { Provider = AiProviders.Anthropic, ApiKey = "sk-ant-test", Model = "claude-fake", BaseUrl = fake.BaseUrl, MaxTokens = 300 })!;

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be kind."), new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/jpeg")])],
            new ChatOptions { MaxOutputTokens = 300 });

        response.Text.ShouldBe("Fake answer to: what is this?");
        response.Usage!.OutputTokenCount.ShouldBe(6);
        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.Model.ShouldBe("claude-fake");
        request.System.ShouldBe("Be kind.");
        request.Images.ShouldBe(1);
        request.Raw.Json.GetProperty("max_tokens").GetInt32().ShouldBe(300);
        (request.Raw.Header("x-api-key") ?? request.Raw.Header("Authorization")).ShouldEndWith("sk-ant-test");
    }

    [Fact]
    public async Task Anthropic_Refusal_IsAContentFilterFinish()
    {
        await using var fake = await FakeAnthropic.StartAsync();
        fake.Fail(new FakeFailure.Refusal());
        using var clients = new AiClients();
        var chat = clients.Chat(new AiSettings { Provider = AiProviders.Anthropic, ApiKey = "k", Model = "claude-fake", BaseUrl = fake.BaseUrl })!;

        var response = await chat.GetResponseAsync("something bad");

        response.FinishReason.ShouldBe(ChatFinishReason.ContentFilter);
    }

    [Fact]
    public async Task Embeddings_AreReadFromBase64_OnePerInput()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        using var clients = new AiClients();
        var embedder = clients.Embeddings(new AiSettings { Provider = AiProviders.OpenAiCompatible, Model = "m", EmbeddingModel = "embed-fake", BaseUrl = fake.BaseUrl })!;

        var embeddings = await embedder.GenerateAsync(["configure meta", "meta configure", "weather"]);

        embeddings.Count.ShouldBe(3);
        embeddings[0].Vector.Length.ShouldBe(512);
        Knowledge.VectorMath.Cosine(embeddings[0], embeddings[1]).ShouldBe(1, 0.0001);
        Knowledge.VectorMath.Cosine(embeddings[0], embeddings[2]).ShouldBeLessThan(0.5);
        fake.EmbeddingRequests.ShouldHaveSingleItem().Json.GetProperty("model").GetString().ShouldBe("embed-fake");
    }

    [Fact]
    public async Task Transcription_PostsTheFileAndModel_AndReturnsTheText()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Transcript = "hola mundo";
        using var clients = new AiClients();
        var transcriber = clients.Transcriber(new AiSettings { Provider = AiProviders.OpenAi, ApiKey = "k", Model = "m", BaseUrl = fake.BaseUrl })!;

        var text = await transcriber.TranscribeAsync(new MemoryStream(Wav.Tone(TimeSpan.FromMilliseconds(200))), "note.wav", CancellationToken.None);

        text.ShouldBe("hola mundo");
        transcriber.Model.ShouldBe("whisper-1");
        var request = fake.TranscriptionRequests.ShouldHaveSingleItem();
        request.Header("Content-Type")!.ShouldStartWith("multipart/form-data");
        request.Text.ShouldContain("note.wav");
    }

    [Fact]
    public void Offline_HasNoClients()
    {
        using var clients = new AiClients();
        var offline = new AiSettings();

        clients.Chat(offline).ShouldBeNull();
        clients.Embeddings(offline).ShouldBeNull();
        clients.Transcriber(offline).ShouldBeNull();
    }

    [Fact]
    public void Anthropic_HasNoEmbeddingsOrTranscription()
    {
        using var clients = new AiClients();
        var settings = new AiSettings { Provider = AiProviders.Anthropic, ApiKey = "k", Model = "claude", EmbeddingModel = "x", TranscriptionModel = "y" };

        clients.Embeddings(settings).ShouldBeNull();
        clients.Transcriber(settings).ShouldBeNull();
        settings.EffectiveVisionModel.ShouldBe("claude");
    }
}
