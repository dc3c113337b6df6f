using System.CommandLine;
using System.Globalization;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Sending;

namespace Parley.Cli;

/// <summary>
/// <c>send --account ID --to +E164 (--text TEXT | --template NAME --lang es --param ...)</c>: queues a message through the
/// same checks as the API (content rules, template catalogue, 24-hour rule). A running server sends it; <c>--wait</c>
/// waits for the outcome.
/// </summary>
public static class SendMessageCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The account to send from.", Required = true };
        var to = new Option<string>("--to") { Description = "The recipient, like +15550001111.", Required = true };
        var text = new Option<string?>("--text") { Description = "A text message (only within 24 hours of the contact's last message)." };
        var template = new Option<string?>("--template") { Description = "A template's name (works outside the 24-hour window)." };
        var lang = new Option<string?>("--lang") { Description = "The template's language, like es or en_US." };
        var param = new Option<string[]>("--param") { Description = "A template body value for {{1}}, {{2}}, ... (repeat, in order), or name=value for a named placeholder." };
        var key = new Option<string?>("--idempotency-key") { Description = "Sending twice with the same key queues one message." };
        var wait = new Option<int?>("--wait") { Description = "Wait up to this many seconds for the message to be sent (or fail); needs a running server." };
        var format = CliOutput.FormatOption();
        var command = new Command("send", "Send a message from an account.") { account, to, text, template, lang, param, key, wait, format };
        command.SetAction(async (parse, ct) =>
        {
            var templateName = parse.GetValue(template);
            var body = parse.GetValue(text);
            if ((templateName is null) == (body is null))
            {
                return CliOutput.UsageError("give either --text or --template (with --lang).");
            }

            if (templateName is not null && string.IsNullOrWhiteSpace(parse.GetValue(lang)))
            {
                return CliOutput.UsageError("--template needs --lang (the template's language, like es).");
            }

            var (positional, named) = TemplateArguments.Parse(parse.GetValue(param));

            var content = templateName is null
                ? MessageContent.FromText(body!)
                : new MessageContent { Type = MessageTypes.Template, Template = new TemplateContent(templateName, parse.GetValue(lang)!) { BodyParameters = positional } };
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: true, ct);
            var from = await host.Get<Parley.Core.Accounts.AccountRegistry>().FindAsync(parse.GetRequiredValue(account), ct);
            var outcome = await host.Get<OutboundSender>().SendAsync(new SendCommand(parse.GetRequiredValue(account), Parley.Core.Accounts.AccountNumbers.Normalize(from, parse.GetRequiredValue(to)), content)
            {
                IdempotencyKey = parse.GetValue(key),
                NamedTemplateParameters = named.Count > 0 ? named : null,
                Source = "cli",
            }, ct);
            switch (outcome)
            {
                case SendOutcome.Invalid invalid:
                    return CliOutput.Fail(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}")));
                case SendOutcome.Refused refused:
                    return CliOutput.Fail($"{refused.Title}: {refused.Detail}");
            }

            var accepted = (SendOutcome.Accepted)outcome;
            var status = accepted.Status;
            if (parse.GetValue(wait) is { } seconds && seconds > 0)
            {
                status = await WaitAsync(host.Get<MessageQueries>(), accepted.MessageId, TimeSpan.FromSeconds(seconds), ct);
            }

            var result = new { id = accepted.MessageId.ToString(CultureInfo.InvariantCulture), status = status.ToWire(), created = accepted.Created };
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(result);
            }
            else
            {
                Console.WriteLine(status == MessageStatus.Queued
                    ? $"Queued message {result.id}{(accepted.Created ? "" : " (already queued with this idempotency key)")}; a running Parley server sends it."
                    : $"Message {result.id}: {result.status}.");
            }

            if (status == MessageStatus.Failed)
            {
                var failed = await host.Get<MessageQueries>().FindAsync(accepted.MessageId, ct);
                return CliOutput.Fail($"message {result.id} failed: {failed?.ErrorCode} {failed?.ErrorReason}".TrimEnd());
            }

            return parse.GetValue(wait) is > 0 && status == MessageStatus.Queued
                ? CliOutput.Fail($"message {result.id} is still queued after {parse.GetValue(wait)} s: is the Parley server running?")
                : CliOutput.Ok;
        });
        return command;
    }

    private static async Task<MessageStatus> WaitAsync(MessageQueries messages, long id, TimeSpan timeout, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var message = await messages.FindAsync(id, ct);
            if (message is null || message.Status != MessageStatus.Queued || clock.Elapsed >= timeout)
            {
                return message?.Status ?? MessageStatus.Queued;
            }

            await Task.Delay(250, ct);
        }
    }
}
