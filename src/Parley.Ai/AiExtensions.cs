using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Ai.Assistant;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Ai.Media;
using Parley.Ai.Media.Documents;
using Parley.Bots.Engine.Fallback;
using Parley.Core.Bots;
using Parley.Core.Knowledge;

namespace Parley.Ai;

public static class AiExtensions
{
    /// <summary>
    /// The AI assistant: model providers behind <c>IChatClient</c>, the knowledge base and retrieval, media
    /// understanding, and the <c>assistant</c> bot. Offline unless <c>Parley:Ai:Provider</c> names a provider.
    /// </summary>
    public static IHostApplicationBuilder AddAi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiOptions>, AiOptionsValidator>();

        services.AddSingleton<AiClients>();
        services.AddSingleton<AiCaller>();
        services.AddSingleton<AiUsageLog>();
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<Retriever>();
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<IKnowledgeBaseAdmin, KnowledgeBaseAdmin>();
        services.AddOptions<DocumentReadingOptions>().BindConfiguration(DocumentReadingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SafeDocumentReader>();
        services.AddSingleton<DocumentReadLedger>();
        services.AddSingleton<MessageDocuments>();
        services.AddSingleton<MediaUnderstanding>();
        services.AddSingleton<BurstGate>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<AssistantResponder>();
        services.AddSingleton<IBot, AssistantBot>();

        // The engine bots' fallback: registered after (and so instead of) the engine's plain "I did not understand".
        services.AddSingleton<IFallbackResponder, AssistantFallback>();

        // After the storage start-up (registered by AddParleyCore, before this), so the schema and accounts exist.
        services.AddHostedService<DemoKnowledge>();
        return builder;
    }
}
