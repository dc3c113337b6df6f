using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Ai.Assistant;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Ai.Media;
using Parley.Ai.Media.Documents;
using Parley.Core.Bots;
using Parley.Core.Knowledge;
using Parley.Core.Modules;
using Parley.Core.Startup;

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
        services.AddModuleSchema(ModuleSchema.Of<AiOptions>("ai"));
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

        // What the bots did not understand is answered from their documents.
        services.AddSingleton<IBotFallback, AssistantFallback>();
        // Bots that compose their answers from their own data (the resort's recommendations) have them put into words.
        services.AddSingleton<IReplyPhrasing, ModelReplyPhrasing>();
        services.AddSingleton<IStartupTask, DemoKnowledge>();
        return builder;
    }
}
