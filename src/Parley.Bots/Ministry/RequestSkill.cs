using Parley.Bots.Engine;
using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.Skills;
using Parley.Bots.Engine.Text;
using Parley.Core.Text;

namespace Parley.Bots.Ministry;

/// <summary>
/// The <c>general</c> intent ("necesito información", "tengo una consulta"): a message that already says what
/// it is about is answered at once with <c>vea_request_received</c>; one that does not starts
/// <see cref="RequestFlow"/>, which asks for the details first.
/// </summary>
public sealed class RequestSkill(AnswerService answers) : ISkill
{
    public const string Intent = "general";

    // Words that name the kind of request but not its content.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "hola", "buenas", "buenos", "dias", "tardes", "noches", "necesito", "quiero", "quisiera", "tengo", "tienen", "tienes", "hacer", "pedir",
        "enviar", "mandar", "dejar", "favor", "gracias", "informacion", "info", "ayuda", "soporte", "consulta", "solicitud", "solicitudes",
        "peticion", "pregunta", "duda", "oracion", "mas", "sobre", "alguien", "puede", "pueden", "puedo", "ayudar", "ayudarme",
        "hi", "hello", "need", "want", "have", "help", "support", "question", "request", "requests", "information", "prayer", "please", "about",
    };

    public string Name => "request";

    public bool CanHandle(BotContext context) => context.Intent?.Intent == Intent;

    public async Task HandleAsync(BotContext context, CancellationToken ct)
    {
        if (SaysWhatAbout(context.Text) && await answers.AnswerIntentAsync(context, Intent, ct))
        {
            context.Details["request"] = AnswerService.Summary(context.Text);
            return;
        }

        context.StartFlow(RequestFlow.FlowName, RequestFlow.DetailsStep);
        context.Reply(RequestFlow.Ask(context));
    }

    /// <summary>Whether anything is left once the greeting and the kind of request are taken out.</summary>
    internal static bool SaysWhatAbout(string text) =>
        TextNormalizer.Tokenize(text).Any(w => w.Length >= 3 && !StopWords.Contains(w) && !Filler.Contains(w));
}
