using Dapper;
using Parley.Core.Accounts;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Policy;
using Parley.Core.Storage;
using Parley.Core.Templates;

namespace Parley.Core.Outbound.Sending;

/// <summary>
/// Validates a message against the account and the template catalogue, applies the <see cref="OutboundPolicy"/>
/// (content rules, the contact's flags, WhatsApp's 24-hour rule), then queues it on the outbound queue. The API, the CLI,
/// the admin UI and the modules all send through it; the bots' replies pass the same policy in the inbound processor.
/// </summary>
public sealed class OutboundSender(
    AccountRegistry accounts,
    ChannelCatalog channels,
    OutboundPolicy policy,
    TemplateCatalog templates,
    ContactDirectory contacts,
    ConversationQueries conversations,
    OutboundQueue queue,
    Database database)
{
    public async Task<SendOutcome> SendAsync(SendCommand command, CancellationToken ct = default)
    {
        var account = await accounts.FindAsync(command.AccountId, ct);
        if (account is not { Enabled: true })
        {
            return Invalid("account", $"No enabled account '{command.AccountId}'.");
        }

        if (channels.For(account.Provider) is null)
        {
            return Invalid("account", $"Account '{account.Id}' uses provider '{account.Provider}', which this build does not serve.");
        }

        if (!PhoneNumber.TryParse(command.To, null, out var phone))
        {
            return Invalid("to", "'to' must be a phone number in international form, like +15550001111.");
        }

        var errors = policy.ContentErrors(account, command.Content);
        if (errors.Count > 0)
        {
            return new SendOutcome.Invalid(errors);
        }

        var content = command.Content;
        await using (var c = await database.OpenAsync(ct))
        {
            if (command.ReplyToMessageId is { } replyTo)
            {
                var providerId = await ProviderIdAsync(c, account.Id, replyTo, ct);
                if (providerId is null)
                {
                    return Invalid("replyTo", $"Message {replyTo} is not a message of account '{account.Id}' that the provider knows.");
                }

                content = content with { ContextMessageId = providerId };
            }

            if (content.Reaction is { } reaction && long.TryParse(reaction.MessageId, out var reactedId)
                && await ProviderIdAsync(c, account.Id, reactedId, ct) is { } reactedProviderId)
            {
                content = content with { Reaction = reaction with { MessageId = reactedProviderId } };
            }
        }

        if (content.Template is not null)
        {
            var (templated, templateErrors) = await ResolveTemplateAsync(account, content, command.NamedTemplateParameters, ct);
            if (templateErrors.Count > 0)
            {
                return new SendOutcome.Invalid(templateErrors);
            }

            content = templated;
        }

        var contact = await contacts.FindAsync(account.Id, phone.WaId, ct);
        var lastInbound = content.Type == MessageTypes.Template ? null : await conversations.LastInboundAsync(account.Id, phone.WaId, ct);
        if (policy.Refusal(new OutboundRecipient(contact is { Blocked: true }, contact is { OptedOut: true }, lastInbound), content.Type) is { } refused)
        {
            return refused;
        }

        var key = command.IdempotencyKey is { Length: > 0 } k ? $"{command.Source}:{k}" : null;
        var queued = await queue.EnqueueAsync(account.Id, new ContactRef(phone.WaId) { Phone = phone.ToE164() }, content, key, command.Source, ct);
        var status = MessageStatus.Queued;
        if (!queued.Created)
        {
            await using var c = await database.OpenAsync(ct);
            status = MessageStatusRules.FromWire(await c.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT status FROM messages WHERE id = @MessageId", new { queued.MessageId }, cancellationToken: ct)));
        }

        return new SendOutcome.Accepted(queued.MessageId, status, queued.Created);
    }

    private async Task<(MessageContent Content, List<FieldError> Errors)> ResolveTemplateAsync(
        Account account, MessageContent content, IReadOnlyDictionary<string, string>? named, CancellationToken ct)
    {
        var requested = content.Template!;
        var errors = new List<FieldError>();
        var info = await templates.FindAsync(account.Id, requested.Name, requested.Language, ct);
        if (info is null)
        {
            // With a catalogue for the account an unknown name is a mistake; without one the provider is the judge.
            if (await templates.CountAsync(account.Id, ct) > 0)
            {
                errors.Add(new("template.name", $"The template catalogue has no '{requested.Name}' in '{requested.Language}' for account '{account.Id}'. See GET /api/v1/templates."));
            }
            else if (named is { Count: > 0 })
            {
                errors.Add(new("template.namedParameters", "The template is not in the catalogue, so named parameters cannot be put in order; send 'template.parameters' instead."));
            }

            return (content, errors);
        }

        if (!info.Sendable)
        {
            errors.Add(new("template.name", $"Template '{info.Name}' ({info.Language}) cannot be sent: status {info.Status}{(info.Active ? "" : ", inactive")}."));
            return (content, errors);
        }

        if (info.Body is null)
        {
            return (content with { Template = requested with { ProviderTemplateId = requested.ProviderTemplateId ?? info.ProviderTemplateId } }, errors);
        }

        var rendered = TemplateRenderer.Render(info.Body, requested.BodyParameters, named);
        if (!rendered.Complete)
        {
            errors.Add(new("template.parameters", $"Template '{info.Name}' needs values for {string.Join(", ", rendered.Missing.Select(m => "{{" + m + "}}"))}."));
            return (content, errors);
        }

        return (content with
        {
            Template = requested with
            {
                BodyParameters = TemplateRenderer.OrderedValues(info.Body, requested.BodyParameters, named),
                ProviderTemplateId = requested.ProviderTemplateId ?? info.ProviderTemplateId,
                RenderedText = rendered.Text,
            },
        }, errors);
    }

    private static Task<string?> ProviderIdAsync(System.Data.Common.DbConnection c, string accountId, long messageId, CancellationToken ct) =>
        c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT provider_message_id FROM messages WHERE id = @messageId AND account_id = @accountId",
            new { messageId, accountId }, cancellationToken: ct));

    private static SendOutcome.Invalid Invalid(string field, string message) => new([new FieldError(field, message)]);
}
