namespace Parley.Bots.Engine.Skills;

/// <summary>Thanks on their own (<c>gracias</c>, <c>muchas gracias 🙏</c>, <c>thank you</c>) get a polite answer, not "I did not understand".</summary>
public sealed class ThanksCommand : CommandSkill
{
    public override string Name => "thanks";

    public override IReadOnlyList<string> Words { get; } =
    [
        "gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "ok gracias", "okay gracias", "vale gracias", "listo gracias",
        "perfecto gracias", "gracias hermano", "gracias hermana", "gracias pastor", "te lo agradezco", "se lo agradezco", "gracias a ti",
        "thanks", "thank you", "thank you so much", "thanks a lot", "many thanks", "thx", "ty", "ok thanks", "ok thank you", "great thanks",
        "perfect thanks", "thanks again",
    ];

    public override Task HandleAsync(BotContext context, CancellationToken ct)
    {
        context.Reply(context.Phrase(EngineTexts.Thanks));
        // Whoever says thanks was greeted already, or needs no greeting now.
        context.Greeted = true;
        return Task.CompletedTask;
    }
}
