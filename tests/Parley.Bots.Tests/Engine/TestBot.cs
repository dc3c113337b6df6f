using Parley.Bots.Engine;
using Parley.Bots.Engine.Flows;
using Parley.Bots.Engine.Sessions;
using Parley.Bots.Engine.Skills;

namespace Parley.Bots.Tests.Engine;

/// <summary>A small engine bot for the engine's own tests: a quiz flow, a command, a skill that fails.</summary>
internal sealed class TestBot(BotEngine engine) : EngineBot(engine)
{
    public const string BotName = "test";

    public override string Name => BotName;
    public override string Description => "Engine test bot.";

    public override IReadOnlyList<CommandSkill> Commands { get; } = [new QuizCommand()];
    public override IReadOnlyList<ISkill> Skills { get; } = [new BoomSkill(), new HandOverSkill()];
    public override IReadOnlyList<Flow> Flows { get; } = [new QuizFlow()];

    private sealed class QuizCommand : CommandSkill
    {
        public override string Name => "quiz";
        public override IReadOnlyList<string> Words { get; } = ["quiz"];

        public override Task HandleAsync(BotContext context, CancellationToken ct)
        {
            context.StartFlow("quiz", "answer");
            context.Reply("How much is 2 + 2?");
            return Task.CompletedTask;
        }
    }

    private sealed class QuizFlow : Flow
    {
        public override string Name => "quiz";

        public override Task<FlowResult> ContinueAsync(BotContext context, FlowState state, CancellationToken ct)
        {
            if (context.Text.Trim() == "pass")
            {
                return Task.FromResult(FlowResult.Pass);
            }

            if (context.Text.Trim() == "4")
            {
                context.Reply("Correct!");
                return Task.FromResult(FlowResult.Done);
            }

            context.Reply($"Try again (attempt {state.Attempts + 1}).");
            return Task.FromResult(FlowResult.Stay);
        }
    }

    private sealed class BoomSkill : ISkill
    {
        public string Name => "boom";
        public bool CanHandle(BotContext context) => context.Text == "boom";
        public Task HandleAsync(BotContext context, CancellationToken ct) => throw new InvalidOperationException("the skill failed on purpose");
    }

    private sealed class HandOverSkill : ISkill
    {
        public string Name => "operator";
        public bool CanHandle(BotContext context) => context.Text == "operator";

        public Task HandleAsync(BotContext context, CancellationToken ct)
        {
            context.ConversationState = Parley.Core.Bots.ConversationInfo.HumanState;
            context.Reply("An operator will answer you.");
            return Task.CompletedTask;
        }
    }
}
