using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.Definitions;
using Parley.Bots.Engine.Fallback;
using Parley.Bots.Engine.Flows;
using Parley.Bots.Engine.Intents;
using Parley.Bots.Engine.Sessions;
using Parley.Bots.Engine.Skills;
using Parley.Core.Messaging;

namespace Parley.Bots.Engine.Stages;

/// <summary>
/// Decides who answers, in order: the active flow; then commands (the bot's own, then help, menu, reset and
/// greetings); then the bot's skills, with the message's intent already detected; then the declared
/// intent's template answer; then the fallback. A new session's first answer is preceded by the greeting.
/// </summary>
public sealed class RoutingStage(IntentStore intents, AnswerService answers, FallbackResponder fallback) : IBotStage
{
    private static readonly ResetCommand Reset = new();

    private static readonly CommandSkill[] BuiltInCommands = [Reset, new HelpCommand(), new MenuCommand(), new GreetingCommand(), new ThanksCommand()];

    /// <summary>Longest text kept per turn in the session history.</summary>
    private const int TurnTextLength = 200;

    public string Name => "routing";

    public async ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct)
    {
        await RouteAsync(context, ct);
        if (context.NewSession && !context.Greeted)
        {
            context.Replies.Insert(0, context.Bot.Greeting(context));
            context.Greeted = true;
        }

        if (context.Greeted && context.Session.GreetedAt is null)
        {
            // Greet once per session: the next "hola" gets a short "hi again".
            context.Session.GreetedAt = context.Now.ToUnixTimeMilliseconds();
            context.SaveSession = true;
        }

        Remember(context);
        return StageOutcome.Stop;
    }

    private async Task RouteAsync(BotContext context, CancellationToken ct)
    {
        if (context.Session.Flow is { } state && !Reset.CanHandle(context))
        {
            if (await ContinueFlowAsync(context, state, ct))
            {
                return;
            }
        }

        foreach (var command in context.Bot.Commands.Concat(BuiltInCommands))
        {
            if (command.CanHandle(context))
            {
                context.Route = $"command:{command.Name}";
                await command.HandleAsync(context, ct);
                return;
            }
        }

        var declared = await intents.ForAsync(context.Bot.Name, context.Account.Id, ct);
        context.Intent = Detect(context, declared);
        if (context.Intent is { } match)
        {
            context.Session.LastIntent = match.Intent;
            context.Session.LastConfidence = match.Confidence;
            if (!context.LanguageFromMessage && context.Bot.Speaks(match.Language))
            {
                // "donativo" alone says nothing about the language, but the phrase it matched does.
                context.Language = match.Language;
                context.Session.Language = match.Language;
            }
        }

        foreach (var skill in context.Bot.Skills)
        {
            if (skill.CanHandle(context))
            {
                context.Route = $"skill:{skill.Name}";
                await skill.HandleAsync(context, ct);
                return;
            }
        }

        if (context.Intent is { } intent && declared.Intents.TryGetValue(intent.Intent, out var record) && record.Answer is { } answer)
        {
            context.Route = "intent";
            await answers.AnswerAsync(context, answer, ct);
            return;
        }

        context.Route = "fallback";
        await fallback.AnswerAsync(context, ct);
    }

    /// <returns>False when the flow passed the message on (or is gone).</returns>
    private static async Task<bool> ContinueFlowAsync(BotContext context, FlowState state, CancellationToken ct)
    {
        var flow = context.Bot.Flows.FirstOrDefault(f => string.Equals(f.Name, state.Name, StringComparison.Ordinal));
        if (flow is null)
        {
            // The bot no longer has this flow (a new version): forget it.
            context.EndFlow();
            return false;
        }

        context.Details["flow"] = flow.Name;
        context.Details["flow_step"] = state.Step;
        var result = await flow.ContinueAsync(context, state, ct);
        switch (result.Kind)
        {
            case FlowResultKind.Pass:
                return false;
            case FlowResultKind.Next:
                state.Step = result.Step!;
                state.Attempts = 0;
                break;
            case FlowResultKind.Stay:
                state.Attempts++;
                break;
            case FlowResultKind.Done:
                // A flow may have started another one in its last step; only end the one that finished.
                if (ReferenceEquals(context.Session.Flow, state))
                {
                    context.EndFlow();
                }

                break;
        }

        context.SaveSession = true;
        context.Route = $"flow:{flow.Name}";
        return true;
    }

    private static IntentMatch? Detect(BotContext context, BotIntents declared)
    {
        // A chosen menu row whose id is an intent is that intent, for sure.
        if (context.ChoiceId is { } choice && declared.Intents.TryGetValue(choice, out var chosen))
        {
            return new IntentMatch(chosen.Name, 1.0, context.Language, choice);
        }

        return declared.Intents.Count == 0 ? null : declared.Matcher.Match(context.Text, context.Language, context.Settings.IntentThreshold);
    }

    private static void Remember(BotContext context)
    {
        if (!context.SaveSession || context.Settings.SessionHistory == 0)
        {
            return;
        }

        var history = context.Session.History;
        history.Add(new SessionTurn(context.Now.ToUnixTimeMilliseconds(), Cut(context.Text), context.Intent?.Intent, Cut(context.Replies.LastOrDefault() is { } last ? Describe(last) : null)));
        if (history.Count > context.Settings.SessionHistory)
        {
            history.RemoveRange(0, history.Count - context.Settings.SessionHistory);
        }
    }

    internal static string Describe(MessageContent content) =>
        content.Type == MessageTypes.Template ? content.Template?.RenderedText ?? content.Template?.Name ?? "" : content.Summary();

    private static string? Cut(string? text) => text is null || text.Length <= TurnTextLength ? text : text[..TurnTextLength];
}
