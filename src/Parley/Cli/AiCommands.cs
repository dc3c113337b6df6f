using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Ai;
using Parley.Ai.Chat;

namespace Parley.Cli;

/// <summary><c>ai test [--account ID] [--prompt TEXT]</c>: one prompt to the configured model, with the answer, latency and tokens or the provider's error.</summary>
public static class AiCommands
{
    private const string DefaultPrompt = "Reply with one short sentence saying which model you are.";

    public static Command Create()
    {
        var account = new Option<string?>("--account") { Description = "Use this account's AI settings (Parley:Accounts:{n}:Ai)." };
        var prompt = new Option<string?>("--prompt") { Description = "The prompt to send." };
        var test = new Command("test", "Send one prompt to the configured model provider and report the answer, latency and token counts.") { account, prompt };
        test.SetAction(async (parse, ct) =>
        {
            await using var app = CliApp.BuildServices(parse);
            var services = app.Services;
            var options = services.GetRequiredService<IOptions<AiOptions>>().Value;
            var found = parse.GetValue(account) is { } id ? await CliAccounts.FindAsync(services, id, ct) : null;
            var settings = AiSettings.For(options, found, found is null ? AiOptions.SectionName : "Ai");
            if (settings.IsOffline)
            {
                throw new InvalidOperationException(
                    $"{AiOptions.SectionName}:Provider is 'offline', so there is no model to test; set it to openai, openrouter, anthropic, azure-openai or openai-compatible.");
            }

            var clients = services.GetRequiredService<AiClients>();
            var caller = services.GetRequiredService<AiCaller>();
            var chat = clients.Chat(settings)!;
            Console.WriteLine($"Provider:   {settings.Provider} ({settings.EffectiveBaseUrl})");
            Console.WriteLine($"Model:      {settings.Model}");
            var result = await caller.CallAsync(settings with { MaxAttempts = 1 }, "test",
                c => chat.GetResponseAsync([new ChatMessage(ChatRole.User, parse.GetValue(prompt) ?? DefaultPrompt)],
                    new ChatOptions { MaxOutputTokens = Math.Min(settings.MaxTokens, 200), Temperature = (float)settings.Temperature }, c), ct);
            Console.WriteLine($"Latency:    {result.Latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
            if (result.Value is not { } response)
            {
                throw new InvalidOperationException($"{settings.Provider} failed: {result.Failure}");
            }

            var usage = response.Usage;
            Console.WriteLine($"Answer:     {response.Text.Trim()}");
            Console.WriteLine($"Tokens:     {usage?.InputTokenCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} in, {usage?.OutputTokenCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} out, {usage?.TotalTokenCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} total");
            Console.WriteLine($"Finish:     {response.FinishReason?.Value ?? "?"}");

            if (clients.Embeddings(settings) is { } embedder)
            {
                var embedding = await caller.CallAsync(settings with { MaxAttempts = 1 }, "embedding test", c => embedder.GenerateVectorAsync("Parley", cancellationToken: c), ct);
                if (!embedding.Succeeded)
                {
                    throw new InvalidOperationException($"Embeddings with {settings.EffectiveEmbeddingModel} failed: {embedding.Failure}");
                }

                Console.WriteLine($"Embeddings: {settings.EffectiveEmbeddingModel}, {embedding.Value.Length} dimensions");
            }

            return 0;
        });
        return new Command("ai", "The AI assistant's model provider.") { test };
    }
}
