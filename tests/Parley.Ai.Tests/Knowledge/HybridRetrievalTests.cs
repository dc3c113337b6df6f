using Dapper;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Core.Storage;
using Parley.Testing;
using Parley.Testing.Fakes;

namespace Parley.Ai.Tests.Knowledge;

/// <summary>Lexical search plus provider embeddings (a fake embedding model on 127.0.0.1), stored in the database.</summary>
public sealed class HybridRetrievalTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Embeddings_FindWhatTheWordsAloneMiss_AndAreStoredOnce(DatabaseKind kind)
    {
        await using var fake = await FakeOpenAi.StartAsync();
        // To the fake model these mean the same, as synonyms do to a real one; the lexical index knows no synonyms.
        fake.Synonyms.Add(["bugs", "gnats", "pests", "mites", "mealybugs"]);
        await using var kb = await KnowledgeFixture.CreateAsync(kind);
        var settings = new AiSettings { Provider = AiProviders.OpenAiCompatible, Model = "m", EmbeddingModel = "fake-embed", BaseUrl = fake.BaseUrl, MinSimilarity = 0.3 };
        var scope = new KbScope("shop", KbScope.Everyone);
        await kb.AddFolderAsync(Path.Combine(AppContext.BaseDirectory, "Knowledge", "Corpus"), scope, embedWith: settings);
        var passages = (await kb.Store.PassagesAsync(scope, CancellationToken.None)).Count;
        await using (var c = await kb.Database.OpenAsync())
        {
            (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kb_embeddings WHERE model = 'fake-embed'")).ShouldBe(passages);
        }

        var embeddingCalls = fake.EmbeddingRequests.Count;
        (await kb.Retriever.SearchAsync(scope, "My plant has bugs", settings with { Provider = AiProviders.Offline }, CancellationToken.None))
            .ShouldBeEmpty("the words alone find nothing");

        var found = await kb.Retriever.SearchAsync(scope, "My plant has bugs", settings, CancellationToken.None);

        found[0].Passage.Heading.ShouldBe("Plant care › Pests");
        found[0].Coverage.ShouldBe(0);
        found[0].Similarity!.Value.ShouldBeGreaterThan(0.3);
        fake.EmbeddingRequests.Count.ShouldBe(embeddingCalls + 1, "only the question is embedded; the passages were embedded when added");
    }

    [Fact]
    public async Task EmbeddingFailures_FallBackToTheLexicalIndex()
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: "right");
        await using var kb = await KnowledgeFixture.CreateAsync();
        var scope = new KbScope("shop", KbScope.Everyone);
        await kb.AddFolderAsync(Path.Combine(AppContext.BaseDirectory, "Knowledge", "Corpus"), scope);
        var settings = new AiSettings { Provider = AiProviders.OpenAiCompatible, ApiKey = "wrong", Model = "m", EmbeddingModel = "fake-embed", BaseUrl = fake.BaseUrl, MaxAttempts = 1 };

        var found = await kb.Retriever.SearchAsync(scope, "How much does shipping cost?", settings, CancellationToken.None);

        found[0].Passage.Heading.ShouldBe("Shipping › Shipping costs");
        found[0].Similarity.ShouldBeNull();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Scopes_KeepAccountsAndBotsApart(DatabaseKind kind)
    {
        await using var kb = await KnowledgeFixture.CreateAsync(kind);
        var offline = new AiSettings();
        await kb.Knowledge.AddAsync(new KbScope("a", ""), "a.md", "# A\n\nThe secret word of account A is pineapple."u8.ToArray(), null, null, "test", null, CancellationToken.None);
        await kb.Knowledge.AddAsync(new KbScope("b", ""), "b.md", "# B\n\nThe secret word of account B is coconut."u8.ToArray(), null, null, "test", null, CancellationToken.None);
        await kb.Knowledge.AddAsync(new KbScope("", ""), "all.md", "# Shared\n\nEvery account sells pineapple juice."u8.ToArray(), null, null, "test", null, CancellationToken.None);
        await kb.Knowledge.AddAsync(new KbScope("a", "sales"), "sales.md", "# Sales\n\nThe sales bot offers pineapple discounts."u8.ToArray(), null, null, "test", null, CancellationToken.None);

        var forA = await kb.Retriever.SearchAsync(new KbScope("a", "assistant"), "pineapple", offline, CancellationToken.None);
        var forB = await kb.Retriever.SearchAsync(new KbScope("b", "assistant"), "pineapple coconut", offline, CancellationToken.None);
        var forSales = await kb.Retriever.SearchAsync(new KbScope("a", "sales"), "pineapple", offline, CancellationToken.None);

        forA.Select(p => p.Passage.Source).ShouldBe(["a.md", "all.md"], ignoreOrder: true);
        forB.Select(p => p.Passage.Source).ShouldBe(["b.md", "all.md"], ignoreOrder: true);
        forSales.Select(p => p.Passage.Source).ShouldBe(["a.md", "all.md", "sales.md"], ignoreOrder: true);
    }

    [Fact]
    public async Task AddingTheSameSourceAgain_ReplacesIt()
    {
        await using var kb = await KnowledgeFixture.CreateAsync();
        var scope = new KbScope("a", "");
        await kb.Knowledge.AddAsync(scope, "faq.md", "# FAQ\n\nWe close at 6."u8.ToArray(), null, null, "test", null, CancellationToken.None);

        await kb.Knowledge.AddAsync(scope, "faq.md", "# FAQ\n\nWe close at 8."u8.ToArray(), null, null, "test", null, CancellationToken.None);

        (await kb.Knowledge.ListAsync("a", CancellationToken.None)).ShouldHaveSingleItem();
        (await kb.Retriever.SearchAsync(scope, "when do you close", new AiSettings(), CancellationToken.None)).ShouldHaveSingleItem().Passage.Text.ShouldBe("We close at 8.");
    }
}
