using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OaChatMessage = OpenAI.Chat.ChatMessage;

namespace Parley.Ai.Chat;

/// <summary>
/// <see cref="IChatClient"/> over the official OpenAI SDK's chat completions, for OpenAI, OpenRouter, Azure OpenAI
/// and OpenAI-compatible servers (Microsoft's adapter package is not available here). Covers what Parley sends:
/// system, user and assistant text, and images as <see cref="DataContent"/>; no tools.
/// </summary>
public sealed class OpenAiChatClient(OpenAIClient client, string defaultModel, Uri? endpoint = null) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("openai", endpoint, defaultModel);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? defaultModel;
        var request = new ChatCompletionOptions
        {
            MaxOutputTokenCount = options?.MaxOutputTokens,
            Temperature = options?.Temperature,
        };
        ClientResult<ChatCompletion> result = await client.GetChatClient(model)
            .CompleteChatAsync(messages.Select(ToOpenAi).ToList(), request, cancellationToken);
        var completion = result.Value;
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        var refused = !string.IsNullOrEmpty(completion.Refusal);
        return new ChatResponse(new AiChatMessage(ChatRole.Assistant, refused ? completion.Refusal : text))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = refused ? ChatFinishReason.ContentFilter : ToFinishReason(completion.FinishReason),
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
            RawRepresentation = completion,
        };
    }

    /// <summary>Parley does not stream answers (WhatsApp messages arrive whole): the full answer as one update.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AiChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(OpenAIClient) ? client
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The OpenAIClient is shared and holds no unmanaged state.
    }

    private static OaChatMessage ToOpenAi(AiChatMessage message)
    {
        if (message.Role == ChatRole.System)
        {
            return new SystemChatMessage(message.Text);
        }

        if (message.Role == ChatRole.Assistant)
        {
            return new AssistantChatMessage(message.Text);
        }

        var parts = new List<ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
            }
        }

        return new UserChatMessage(parts);
    }

    private static ChatFinishReason? ToFinishReason(OpenAI.Chat.ChatFinishReason reason) => reason switch
    {
        OpenAI.Chat.ChatFinishReason.Stop => ChatFinishReason.Stop,
        OpenAI.Chat.ChatFinishReason.Length => ChatFinishReason.Length,
        OpenAI.Chat.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        OpenAI.Chat.ChatFinishReason.ToolCalls or OpenAI.Chat.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => null,
    };
}
