using Parley.Core.Messaging;

namespace Parley.Bots.Engine.Templates;

/// <summary>
/// Chooses how a rendered template goes out. WhatsApp lets a business send free text only within 24 hours
/// (<c>Parley:Outbound:CustomerServiceWindow</c>, which the outbound worker enforces too) of the contact's last
/// message; outside that window (or when the account always wants approved templates) the provider's
/// template is sent with its parameters, and the rendered text rides along for history and the sandbox.
/// </summary>
public static class TemplateMessages
{
    public static bool WindowOpen(DateTimeOffset? lastInboundAt, DateTimeOffset now, TimeSpan window) =>
        lastInboundAt is { } at && now - at < window;

    public static MessageContent Build(TemplateDefinition template, FilledTemplate rendered, bool useProviderTemplate) =>
        useProviderTemplate
            ? new MessageContent
            {
                Type = MessageTypes.Template,
                Template = new TemplateContent(template.Name, template.Language)
                {
                    BodyParameters = rendered.Parameters,
                    ProviderTemplateId = template.ProviderTemplateId,
                    RenderedText = rendered.Text,
                },
            }
            : MessageContent.FromText(rendered.Text);
}
