using Parley.Ai.Assistant;

namespace Parley.Tests.Ai;

/// <summary>
/// Grounding (<c>Parley:Ai:Grounding</c>) with the fake OpenAI-compatible and Anthropic servers: <c>open</c> (the default
/// with a model) always asks the model, with the conversation's memory; <c>knowledge</c> answers only from the
/// knowledge base, or from the conversation when the question is about it. Regression guard for issue 16, where a
/// question about something said two messages earlier got "I don't know" without the model being asked.
/// </summary>
public sealed class GroundingTests
{
    private const string Ana = "+15550004545";
    private static readonly Dictionary<string, string?> Knowledge = new() { ["Parley:Ai:Grounding"] = "knowledge" };

    [Fact]
    public async Task OpenAiCompatible_ASecondQuestionThatNeedsTheFirstMessage_IsAnsweredByTheModelWithTheHistory()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        await AskAsync(app, "My order number is 4471 and it has not arrived.", 1);
        var reply = await AskAsync(app, "What was my order number again?", 2);

        // The model answered (a demo passage about the rules may be cited after it).
        reply.ShouldStartWith("Fake answer to: What was my order number again?");
        var request = fake.ChatRequests.Last();
        request.Messages.Select(m => m.Role).ShouldBe(["user", "assistant", "user"]);
        request.Messages[0].Text.ShouldContain("My order number is 4471");
    }

    [Fact]
    public async Task Anthropic_ASecondQuestionThatNeedsTheFirstMessage_IsAnsweredByTheModelWithTheHistory()
    {
        await using var fake = await FakeAnthropic.StartAsync();
        await using var app = await AiTestApp.WithAnthropicAsync(fake);

        await AskAsync(app, "I live in Valparaíso and I have two cats.", 1);
        var reply = await AskAsync(app, "How many cats did I say I have?", 2);

        reply.ShouldStartWith("Fake answer to: How many cats did I say I have?");
        var request = fake.ChatRequests.Last();
        request.Messages.Count.ShouldBe(3);
        request.Messages[0].Text.ShouldContain("two cats");
    }

    [Fact]
    public async Task Open_AGeneralQuestion_ReachesTheModel_WithoutSources()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        var reply = await AskAsync(app, "What is the capital of France?", 1);

        reply.ShouldBe("Fake answer to: What is the capital of France?");
        var request = fake.ChatRequests.ShouldHaveSingleItem();
        request.System.ShouldContain(PromptBuilder.OpenRules[3]);
    }

    [Fact]
    public async Task Open_AnAnswerFromTheKnowledgeBase_CitesItsPassages()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake);

        var reply = await AskAsync(app, "How do I configure Meta?", 1);

        reply.ShouldBe("Fake answer to: How do I configure Meta? [1]\n\n📚 Sources: [1] WhatsApp providers › Meta (WhatsApp Cloud API)");
    }

    [Fact]
    public async Task Knowledge_AGeneralQuestion_GetsIDontKnow_WithoutAModelCall()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var app = await AiTestApp.WithOpenAiAsync(fake, extra: Knowledge);

        var reply = await AskAsync(app, "What is the capital of France?", 1);

        reply.ShouldStartWith("I don't know the answer to that");
        fake.ChatRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Knowledge_AQuestionAboutTheConversation_IsAnsweredFromMemory()
    {
        await using var fake = await FakeAnthropic.StartAsync();
        await using var app = await AiTestApp.WithAnthropicAsync(fake, extra: Knowledge);

        await AskAsync(app, "hola", 1);
        var reply = await AskAsync(app, "¿Qué te dije antes?", 2);

        reply.ShouldStartWith("Fake answer to: ¿Qué te dije antes?");
        fake.ChatRequests.Last().Messages[0].Text.ShouldContain("hola");
        fake.ChatRequests.Last().System.ShouldContain(PromptBuilder.Rules[4]);
    }

    private static async Task<string> AskAsync(TestApp app, string text, int replies)
    {
        await app.Sandbox.SendAsync(Ana, text);
        return (await app.Sandbox.WaitForRepliesAsync(Ana, replies))[replies - 1].Text!;
    }
}
