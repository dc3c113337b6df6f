using Parley.Bots.Engine;
using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.Flows;
using Parley.Bots.Engine.Skills;

namespace Parley.Bots.Ministry;

/// <summary>
/// The church information bot of "Ministerios VEA" (Spanish first, English understood): bank details for
/// donations, the contact of each ministry, upcoming events, and requests passed on to the team. Its
/// intents, templates and data sources are declared in <c>examples/ministry.yaml</c> (shipped inside the
/// bot and imported at start; re-import an edited copy with <c>bots import</c>); the parts that need code
/// are here: the <c>agenda</c> command and the request flow.
/// </summary>
public sealed class MinistryBot(BotEngine engine, AnswerService answers) : EngineBot(engine)
{
    public const string BotName = "ministry";

    /// <summary>The embedded copy of examples/ministry.yaml.</summary>
    public const string DefinitionsResource = "Parley.Bots.Ministry.ministry.yaml";

    public override string Name => BotName;

    public override string Description => "Ministerios VEA: donativos, contactos de ministerios, eventos y solicitudes (en español).";

    public override string DefaultLanguage => "es";

    public override string? DefaultTimeZone => "America/Mexico_City";

    public override IReadOnlyList<CommandSkill> Commands { get; } = [new AgendaCommand(answers)];

    public override IReadOnlyList<ISkill> Skills { get; } = [new RequestSkill(answers)];

    public override IReadOnlyList<Flow> Flows { get; } = [new RequestFlow(answers)];

    public override IReadOnlyList<MenuItem> Menu(string language) => language.StartsWith("es", StringComparison.OrdinalIgnoreCase)
        ?
        [
            new("donativos", "Donativos") { Description = "Datos bancarios y CLABE para tu ofrenda o donativo" },
            new("ministerio", "Contactos") { Description = "Pastores y líderes de cada ministerio" },
            new("eventos", "Eventos") { Description = "Próximos eventos: fecha, hora y lugar" },
            new("general", "Solicitudes") { Description = "Envíanos tu consulta o petición de oración" },
        ]
        :
        [
            new("donativos", "Donations") { Description = "Bank details to give an offering or donation" },
            new("ministerio", "Contacts") { Description = "Pastors and leaders of each ministry" },
            new("eventos", "Events") { Description = "Upcoming events: date, time and place" },
            new("general", "Requests") { Description = "Send us a question or a prayer request" },
        ];

    public override string? Phrase(string key, string language) => (key, language.StartsWith("es", StringComparison.OrdinalIgnoreCase)) switch
    {
        (EngineTexts.Greeting, true) =>
            "¡Hola {{customer_name}}! 👋 Bienvenido(a) a *Ministerios VEA*. Te puedo dar los datos para donativos, el contacto de cada ministerio " +
            "y los próximos eventos, o recibir tu solicitud. Escribe *menú* para ver las opciones.",
        (EngineTexts.Greeting, false) =>
            "Hi {{customer_name}}! 👋 Welcome to *Ministerios VEA*. I can share our bank details for donations, each ministry's contact " +
            "and upcoming events, or take your request. Type *menu* for the options.",
        _ => null,
    };

    public override Stream? OpenBuiltInDefinitions() =>
        typeof(MinistryBot).Assembly.GetManifestResourceStream(DefinitionsResource);
}
