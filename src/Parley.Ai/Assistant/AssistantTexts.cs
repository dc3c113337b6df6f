using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>The assistant's own fixed replies, in Spanish and English. Short, because they are WhatsApp messages.</summary>
public static class AssistantTexts
{
    public const string HumanChoice = "human";
    public const string MenuChoice = "menu";
    public const string TopicsChoice = "topics";
    public const string ResetChoice = "reset";
    public const string AboutChoice = "about";

    private static string T(string lang, string en, string es) => lang == Language.Spanish ? es : en;

    public static string Greeting(string lang, string? name, bool offline) =>
        T(lang,
            $"Hi{Name(name)}! 👋 I'm the assistant of this WhatsApp number. " + (offline
                ? "I answer from a knowledge base by quoting it — I'm not a language model. Ask me something, or type *menu*."
                : "Ask me anything, or type *menu*."),
            $"¡Hola{Name(name)}! 👋 Soy el asistente de este número de WhatsApp. " + (offline
                ? "Respondo citando una base de conocimiento — no soy un modelo de lenguaje. Pregúntame algo o escribe *menu*."
                : "Pregúntame lo que quieras o escribe *menu*."));

    public static string Thanks(string lang) => T(lang, "You're welcome! 😊", "¡De nada! 😊");

    public static string FoundIntro(string lang) =>
        T(lang, "Here's what I found in the knowledge base:", "Esto es lo que encontré en la base de conocimiento:");

    public static string AlsoSee(string lang) => T(lang, "See also", "Ver también");

    public static string Sources(string lang) => T(lang, "Sources", "Fuentes");

    public static MessageContent DontKnow(string lang) => new()
    {
        Type = MessageTypes.Interactive,
        Text = T(lang,
            "I don't know the answer to that, and I'd rather not guess. Would you like me to bring in a person from the team?",
            "No sé la respuesta a eso y prefiero no adivinar. ¿Quieres que llame a una persona del equipo?"),
        Interactive = new InteractiveContent
        {
            Kind = InteractiveContent.ButtonKind,
            Buttons = [new ReplyButton(HumanChoice, T(lang, "Talk to a person", "Hablar con alguien")), new ReplyButton(MenuChoice, T(lang, "Menu", "Menú"))],
        },
    };

    public static string HandedOver(string lang) =>
        T(lang, "OK — I've asked a person from the team to join. They'll answer you here. 🙋",
            "Listo — le pedí a una persona del equipo que se una. Te responderá por aquí. 🙋");

    public static string Apology(string lang) =>
        T(lang, "Sorry, I can't answer right now. Please try again in a moment. 🙏",
            "Lo siento, ahora no puedo responder. Inténtalo de nuevo en un momento. 🙏");

    public static string Refused(string lang) => T(lang, "Sorry, I can't help with that.", "Lo siento, no puedo ayudarte con eso.");

    public static string CannotShare(string lang) => T(lang, "Sorry, I can't share that.", "Lo siento, no puedo compartir eso.");

    public static string Reset(string lang) =>
        T(lang, "Done — I've forgotten our conversation so far. What would you like to know?",
            "Listo — olvidé nuestra conversación hasta ahora. ¿Qué quieres saber?");

    public static string About(string lang, bool offline) => T(lang,
        offline
            ? "I answer questions from this business's knowledge base by quoting the passages that match, and say so when I don't know. I'm not a language model. Send *menu* to see what I know about."
            : "I'm an AI assistant: I answer questions using this business's knowledge base and name my sources, and I can look at images, listen to voice notes and read PDF and Word files. I can make mistakes; ask for a person any time.",
        offline
            ? "Respondo preguntas citando la base de conocimiento de este negocio y te digo cuando no sé algo. No soy un modelo de lenguaje. Escribe *menu* para ver de qué temas sé."
            : "Soy un asistente de IA: respondo con la base de conocimiento de este negocio y cito mis fuentes, y puedo ver imágenes, escuchar notas de voz y leer archivos PDF y Word. Puedo equivocarme; pide una persona cuando quieras.");

    public static string Topics(string lang, IReadOnlyList<string> titles) => titles.Count == 0
        ? T(lang, "My knowledge base is empty for now.", "Mi base de conocimiento está vacía por ahora.")
        : T(lang, "I can answer questions about:", "Puedo responder preguntas sobre:") + "\n" + string.Join('\n', titles.Select(t => $"• {t}"));

    public static MessageContent Menu(string lang) => new()
    {
        Type = MessageTypes.Interactive,
        Text = T(lang, "Ask me anything in your own words, or pick an option:", "Pregúntame lo que quieras con tus palabras, o elige una opción:"),
        Interactive = new InteractiveContent
        {
            Kind = InteractiveContent.ListKind,
            Header = T(lang, "Assistant", "Asistente"),
            Footer = T(lang, "Type *menu* any time", "Escribe *menu* cuando quieras"),
            ListButton = T(lang, "Options", "Opciones"),
            Sections =
            [
                new ListSection(T(lang, "Assistant", "Asistente"), [
                    new ListRow(TopicsChoice, T(lang, "What you know about", "De qué temas sabes")) { Description = T(lang, "The topics I can answer", "Los temas que puedo responder") },
                    new ListRow(AboutChoice, T(lang, "What you can do", "Qué puedes hacer")),
                    new ListRow(HumanChoice, T(lang, "Talk to a person", "Hablar con alguien")) { Description = T(lang, "Someone from the team", "Alguien del equipo") },
                    new ListRow(ResetChoice, T(lang, "Start over", "Empezar de nuevo")) { Description = T(lang, "Forget this conversation", "Olvidar esta conversación") },
                ]),
            ],
        },
    };

    public static string MediaReceived(string lang, string type, MediaInfo? media)
    {
        var file = media?.FileName is { Length: > 0 } f ? $" ({f}{Size(media.Size)})" : Size(media?.Size) is { Length: > 0 } s ? $" ({s.TrimStart(',', ' ')})" : "";
        return type switch
        {
            MessageTypes.Image or MessageTypes.Sticker => T(lang,
                $"I received your image{file}, but I can't look at images here. Could you tell me in words what you need?",
                $"Recibí tu imagen{file}, pero aquí no puedo ver imágenes. ¿Me cuentas con palabras qué necesitas?"),
            MessageTypes.Audio => T(lang,
                $"I received your voice note{file}, but I can't listen to audio here. Could you write it instead?",
                $"Recibí tu nota de voz{file}, pero aquí no puedo escuchar audios. ¿Me lo escribes?"),
            MessageTypes.Video => T(lang,
                $"I received your video{file}, but I can't watch videos. Could you tell me in words what you need?",
                $"Recibí tu video{file}, pero no puedo ver videos. ¿Me cuentas con palabras qué necesitas?"),
            _ => T(lang, $"I received your {type}{file}.", $"Recibí tu {type}{file}."),
        };
    }

    public static string TooLarge(string lang, string type, long limit) => T(lang,
        $"That {Kind(type, lang)} is too large for me: the limit is {limit / (1024 * 1024)} MB.",
        $"Ese {Kind(type, lang)} es demasiado grande para mí: el límite es de {limit / (1024 * 1024)} MB.");

    public static string Unavailable(string lang) => T(lang,
        "I couldn't get that file. Could you send it again?",
        "No pude obtener ese archivo. ¿Me lo envías de nuevo?");

    public static string UnsupportedDocument(string lang, string? fileName) => T(lang,
        $"I can't read {(fileName is null ? "that kind of file" : $"'{fileName}'")}. I can read PDF, Word (DOCX), text, Markdown and HTML files.",
        $"No puedo leer {(fileName is null ? "ese tipo de archivo" : $"'{fileName}'")}. Puedo leer archivos PDF, Word (DOCX), de texto, Markdown y HTML.");

    public static string Corrupt(string lang, string? fileName) => T(lang,
        $"I couldn't open {Quote(fileName, "that file", lang)}: it seems damaged. Could you send it again or in another format?",
        $"No pude abrir {Quote(fileName, "ese archivo", lang)}: parece dañado. ¿Me lo envías de nuevo o en otro formato?");

    public static string Encrypted(string lang, string? fileName) => T(lang,
        $"{Quote(fileName, "That file", lang)} is protected with a password, so I can't read it. Could you send a copy without a password?",
        $"{Quote(fileName, "Ese archivo", lang)} está protegido con contraseña, así que no puedo leerlo. ¿Me envías una copia sin contraseña?");

    public static string TooComplex(string lang, string? fileName) => T(lang,
        $"{Quote(fileName, "That file", lang)} is too large or too complex for me to read. Could you send a smaller file, or copy the part you need as text?",
        $"{Quote(fileName, "Ese archivo", lang)} es demasiado grande o complejo para que lo lea. ¿Me envías un archivo más pequeño o me copias como texto la parte que necesitas?");

    public static string NoText(string lang, string? fileName) => T(lang,
        $"{Quote(fileName, "That PDF", lang)} has no text I can read — it looks like a scan or a photo of pages. Could you send a PDF with selectable text, or type your question?",
        $"{Quote(fileName, "Ese PDF", lang)} no tiene texto que pueda leer — parece un escaneo o una foto de páginas. ¿Me envías un PDF con texto seleccionable o me escribes tu pregunta?");

    public static string DocumentRead(string lang, string? fileName, int? pages, int words, string start) => T(lang,
        $"I read {Quote(fileName, "your document", lang)}{(pages is { } p ? $" ({p} page{(p == 1 ? "" : "s")}, {words:N0} words)" : $" ({words:N0} words)")}. It begins:\n> {start}\n\nI can't summarize without a language model, but ask me about it in the caption of the file and I'll quote the parts that match.",
        $"Leí {Quote(fileName, "tu documento", lang)}{(pages is { } p2 ? $" ({p2} página{(p2 == 1 ? "" : "s")}, {words:N0} palabras)" : $" ({words:N0} palabras)")}. Empieza así:\n> {start}\n\nNo puedo resumir sin un modelo de lenguaje, pero pregúntame sobre él en el texto del archivo y te cito las partes que coincidan.");

    public static string FoundInDocument(string lang, string? fileName) => T(lang,
        $"Here's what I found in {Quote(fileName, "your document", lang)}:",
        $"Esto es lo que encontré en {Quote(fileName, "tu documento", lang)}:");

    public static string NotInDocument(string lang, string? fileName) => T(lang,
        $"I couldn't find that in {Quote(fileName, "your document", lang)}.",
        $"No encontré eso en {Quote(fileName, "tu documento", lang)}.");

    public static string CouldNotTranscribe(string lang) => T(lang,
        "I couldn't make out your voice note. Could you write it instead?",
        "No pude entender tu nota de voz. ¿Me lo escribes?");

    public static string UnknownType(string lang) => T(lang,
        "I can't handle that kind of message. Could you write it instead?",
        "No puedo procesar ese tipo de mensaje. ¿Me lo escribes?");

    private static string Name(string? name) => string.IsNullOrWhiteSpace(name) ? "" : " " + name.Trim();

    private static string Quote(string? fileName, string fallback, string lang) => fileName is { Length: > 0 } ? $"*{fileName}*" : fallback;

    private static string Size(long? bytes) => bytes switch
    {
        null or <= 0 => "",
        < 1024 * 1024 => $", {Math.Max(1, bytes.Value / 1024)} KB",
        _ => $", {bytes.Value / (1024.0 * 1024):0.#} MB",
    };

    private static string Kind(string type, string lang) => (type, lang) switch
    {
        (MessageTypes.Image or MessageTypes.Sticker, Language.Spanish) => "archivo de imagen",
        (MessageTypes.Audio, Language.Spanish) => "audio",
        (MessageTypes.Video, Language.Spanish) => "video",
        (_, Language.Spanish) => "documento",
        (MessageTypes.Image or MessageTypes.Sticker, _) => "image",
        (MessageTypes.Audio, _) => "audio file",
        (MessageTypes.Video, _) => "video",
        _ => "document",
    };
}
