using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Bots.Echo;

/// <summary>
/// The starter bot: greets a new contact, answers <c>help</c>/<c>ayuda</c>/<c>menu</c> with a menu as an
/// interactive list, and echoes anything else with a hint. Small on purpose: it shows the shape of a bot.
/// </summary>
public sealed class EchoBot : IBot
{
    public const string BotName = "echo";

    public string Name => BotName;

    public string Description => "Greets you, shows a menu on 'help' and echoes anything else.";

    public Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct)
    {
        var replies = new List<MessageContent>();
        var spanish = LooksSpanish(request);
        // Core's session rule says when a session starts (the first message, or after the account's SessionTimeout).
        if (request.NewSession)
        {
            replies.Add(MessageContent.FromText(Greeting(request.Contact.Name, spanish)));
        }

        var content = request.Message.Content;
        var choice = content.Reply?.Id;
        var text = content.Text?.Trim() ?? "";
        var command = (choice ?? text).ToLowerInvariant();
        switch (command)
        {
            case "help" or "ayuda" or "menu" or "menú" or "/help" or "?":
                replies.Add(Menu(spanish));
                break;
            case "about":
                replies.Add(MessageContent.FromText(spanish
                    ? "Parley es una plataforma de bots de WhatsApp que tú mismo alojas: recibe webhooks, los guarda antes de responder y contesta en orden."
                    : "Parley is a self-hosted WhatsApp bot platform: it stores every webhook before answering and replies in order, per conversation."));
                break;
            case "buttons":
                replies.Add(new MessageContent
                {
                    Type = MessageTypes.Interactive,
                    Text = spanish ? "¿Te gustan los botones?" : "Do you like reply buttons?",
                    Interactive = new InteractiveContent
                    {
                        Kind = InteractiveContent.ButtonKind,
                        Buttons = [new ReplyButton("yes", spanish ? "Sí" : "Yes"), new ReplyButton("no", "No"), new ReplyButton("help", spanish ? "Menú" : "Menu")],
                    },
                });
                break;
            case "yes" or "no":
                replies.Add(MessageContent.FromText(command == "yes" ? "👍" : "👌"));
                break;
            case "location":
                replies.Add(new MessageContent
                {
                    Type = MessageTypes.Location,
                    Location = new LocationInfo(19.4326, -99.1332) { Name = "Zócalo", Address = "Plaza de la Constitución, CDMX" },
                });
                break;
            default:
                replies.Add(Echo(content, spanish));
                break;
        }

        return Task.FromResult(BotResult.Reply([.. replies]));
    }

    private static MessageContent Echo(MessageContent content, bool spanish)
    {
        var hint = spanish ? "Escribe *ayuda* para ver el menú." : "Type *help* for the menu.";
        if (content.Type == MessageTypes.Text)
        {
            return MessageContent.FromText($"{(spanish ? "Dijiste" : "You said")}: {content.Text}\n\n{hint}");
        }

        var what = content.Reply is { } reply ? $"\"{reply.Title ?? reply.Id}\"" : content.Type;
        return MessageContent.FromText($"{(spanish ? "Recibí" : "I received")}: {what}{(content.Media?.FileName is { } f ? $" ({f})" : "")}\n\n{hint}");
    }

    private static string Greeting(string? name, bool spanish)
    {
        var who = string.IsNullOrWhiteSpace(name) ? "" : $" {name}";
        return spanish
            ? $"¡Hola{who}! 👋 Soy el bot de demostración de Parley."
            : $"Hi{who}! 👋 I'm Parley's demo bot.";
    }

    private static MessageContent Menu(bool spanish) => new()
    {
        Type = MessageTypes.Interactive,
        Text = spanish ? "¿Qué quieres probar?" : "What would you like to try?",
        Interactive = new InteractiveContent
        {
            Kind = InteractiveContent.ListKind,
            Header = "Parley",
            Footer = spanish ? "Elige una opción" : "Pick an option",
            ListButton = spanish ? "Opciones" : "Options",
            Sections =
            [
                new ListSection(spanish ? "Probar" : "Try", [
                    new ListRow("buttons", spanish ? "Botones" : "Reply buttons") { Description = spanish ? "Un mensaje con botones" : "A message with buttons" },
                    new ListRow("location", spanish ? "Ubicación" : "Location") { Description = spanish ? "Un mensaje de ubicación" : "A location message" },
                ]),
                new ListSection(spanish ? "Información" : "About", [
                    new ListRow("about", spanish ? "¿Qué es Parley?" : "What is Parley?"),
                ]),
            ],
        },
    };

    private static bool LooksSpanish(BotRequest request)
    {
        var text = (request.Message.Content.Text ?? "").ToLowerInvariant();
        string[] words = ["hola", "ayuda", "gracias", "buenos", "buenas", "qué", "que", "quiero", "menú", "sí", "por favor"];
        return words.Any(w => text.Contains(w, StringComparison.Ordinal));
    }
}
