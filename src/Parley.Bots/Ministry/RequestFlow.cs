using Parley.Bots.Engine;
using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.Flows;
using Parley.Bots.Engine.Sessions;
using Parley.Core.Text;

namespace Parley.Bots.Ministry;

/// <summary>Asks for the request's details, then confirms it was received (the interaction log keeps it for the team).</summary>
public sealed class RequestFlow(AnswerService answers) : Flow
{
    public const string FlowName = "request";
    public const string DetailsStep = "details";

    private static readonly string[] LeaveWords = ["menu", "menú", "ayuda", "help", "agenda"];

    public override string Name => FlowName;

    public static string Ask(BotContext context) => context.Language.StartsWith("es", StringComparison.OrdinalIgnoreCase)
        ? "Con gusto te ayudamos. 🙏 Cuéntanos en un mensaje tu consulta, solicitud o petición de oración y la haremos llegar al equipo."
        : "We are glad to help. 🙏 Tell us your question, request or prayer request in one message and we will pass it on to the team.";

    public override async Task<FlowResult> ContinueAsync(BotContext context, FlowState state, CancellationToken ct)
    {
        if (context.Is(LeaveWords))
        {
            // The contact changed their mind: the command answers, the flow ends.
            context.EndFlow();
            return FlowResult.Pass;
        }

        if (TextNormalizer.ForMatching(context.Text).Length == 0)
        {
            if (state.Attempts >= 2)
            {
                return FlowResult.Done;
            }

            context.Reply(Ask(context));
            return FlowResult.Stay;
        }

        context.Details["request"] = AnswerService.Summary(context.Text);
        if (!await answers.AnswerIntentAsync(context, RequestSkill.Intent, ct))
        {
            context.Reply(context.Language.StartsWith("es", StringComparison.OrdinalIgnoreCase)
                ? "Gracias, recibimos tu mensaje. Un miembro de nuestro equipo te contactará pronto. 🙏"
                : "Thank you, we received your message. Someone from our team will contact you soon. 🙏");
        }

        return FlowResult.Done;
    }
}
