using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Bots.Engine.DataSources;
using Parley.Bots.Engine.Definitions;
using Parley.Bots.Engine.Templates;
using Parley.Core.Contacts;
using Parley.Core.Outbound;

namespace Parley.Bots.Engine.Answers;

/// <summary>
/// Answers with a template filled from data: runs the answer's data source (with the message's values as
/// bound parameters), picks the row the message names, fills the template's parameters from that row,
/// the contact and the message, and sends the provider template or the rendered text depending on the
/// 24-hour window. When a required parameter has no value, a plain-text answer goes out instead and the
/// gap is logged.
/// </summary>
public sealed class AnswerService(
    TemplateStore templates,
    DataSourceStore dataSources,
    DataSourceRunner runner,
    IntentStore intents,
    IOptions<OutboundOptions> outbound,
    ILogger<AnswerService> logger)
{
    /// <summary>Longest message text used as <c>request_summary</c>.</summary>
    public const int SummaryLength = 160;

    /// <summary>Answers with the declared answer of <paramref name="intent"/>; false when that intent has none.</summary>
    public async Task<bool> AnswerIntentAsync(BotContext context, string intent, CancellationToken ct)
    {
        var declared = await intents.ForAsync(context.Bot.Name, context.Account.Id, ct);
        if (!declared.Intents.TryGetValue(intent, out var record) || record.Answer is null)
        {
            return false;
        }

        await AnswerAsync(context, record.Answer, ct);
        return true;
    }

    public async Task AnswerAsync(BotContext context, IntentAnswer answer, CancellationToken ct)
    {
        IReadOnlyDictionary<string, object?>? row = null;
        if (answer.DataSource is { } sourceName)
        {
            context.DataSource = sourceName;
            var rows = await RowsAsync(context, sourceName, answer.Args, ct);
            row = answer.Match.Count > 0 ? RowMatcher.Best(rows, answer.Match, context.Text) ?? rows.FirstOrDefault() : rows.FirstOrDefault();
            context.Details["rows"] = rows.Count;
        }

        if (answer.Template is null)
        {
            context.Reply(TemplateFiller.RenderLenient(answer.Text ?? context.Phrase(EngineTexts.NoData), Values(context, row, answer.Values, context.Language)));
            return;
        }

        var template = await templates.FindAsync(context.Account.Id, answer.Template, context.Language, ct);
        if (template is null)
        {
            logger.LogWarning("Template {Template} is not defined or not active (account {AccountId}); answering with plain text", answer.Template, context.Account.Id);
            context.Details["missing_template"] = answer.Template;
            context.Reply(answer.Text is null ? context.Phrase(EngineTexts.NoData) : TemplateFiller.RenderLenient(answer.Text, Values(context, row, answer.Values, context.Language)));
            return;
        }

        // Dates and numbers read in the template's language, even when it is not the contact's.
        var values = Values(context, row, answer.Values, template.Language);
        context.Template = template.Name;
        var rendered = TemplateFiller.Render(template, values);
        if (!rendered.Complete)
        {
            logger.LogWarning("Template {Template} is missing {Parameters} for contact {Contact} (account {AccountId}); answering with plain text",
                template.Name, string.Join(", ", rendered.Missing), PhoneMask.Mask(context.Contact.WaId), context.Account.Id);
            context.Details["missing_parameters"] = rendered.Missing;
            context.Reply(answer.Text is null ? context.Phrase(EngineTexts.NoData) : TemplateFiller.RenderLenient(answer.Text, values));
            return;
        }

        context.Reply(TemplateMessages.Build(template, rendered, UseProviderTemplate(context, outbound.Value.CustomerServiceWindow)));
    }

    /// <summary>The rows of a named data source for this message (empty, and logged, when it fails).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> RowsAsync(
        BotContext context, string sourceName, IReadOnlyDictionary<string, string>? args, CancellationToken ct)
    {
        var source = await dataSources.FindAsync(context.Account.Id, sourceName, ct);
        if (source is null)
        {
            logger.LogWarning("Data source {Source} is not defined or not active (account {AccountId})", sourceName, context.Account.Id);
            context.Details["missing_data_source"] = sourceName;
            return [];
        }

        var arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in BuiltIns(context))
        {
            arguments[k] = v;
        }

        arguments["now"] = context.Now.ToUnixTimeMilliseconds();

        // Midnight in the account's time zone: "from today on" without a new cache entry every millisecond.
        var local = TimeZoneInfo.ConvertTime(context.Now, context.Settings.TimeZone);
        arguments["today"] = new DateTimeOffset(local.Date, local.Offset).ToUnixTimeMilliseconds();
        foreach (var (name, expression) in args ?? new Dictionary<string, string>())
        {
            arguments[name] = TemplateFiller.RenderExpression(expression, (key, _) => Lookup(context, null, key, null, context.Language));
        }

        try
        {
            var result = await runner.RunAsync(source, arguments, ct);
            return result.Rows;
        }
        catch (DataSourceException ex)
        {
            // The reason, not the exception: a driver's inner message could quote the user's words.
            logger.LogWarning("Data source {Source} failed for account {AccountId}: {Reason}", sourceName, context.Account.Id, ex.Message);
            context.Details["data_source_error"] = ex.Message;
            return [];
        }
    }

    /// <summary>Whether the provider's approved template goes out instead of free text.</summary>
    public static bool UseProviderTemplate(BotContext context, TimeSpan window) =>
        context.Settings.AlwaysUseTemplates
        || !TemplateMessages.WindowOpen(context.Request.Conversation.LastInboundAt ?? context.Message.CreatedAt, context.Now, window);

    /// <summary>Values every template can use: the contact's name and number, the message and its summary.</summary>
    public static IReadOnlyDictionary<string, string?> BuiltIns(BotContext context) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["customer_name"] = context.CustomerName,
        ["customer_phone"] = context.Contact.Phone ?? "+" + context.Contact.WaId,
        ["message_text"] = context.Text,
        ["request_summary"] = Summary(context.Text),
        ["language"] = context.Language,
    };

    public static string Summary(string text)
    {
        var flat = TemplateFiller.CleanValue(text) ?? "";
        if (flat.Length <= SummaryLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', SummaryLength - 1);
        return flat[..(cut > SummaryLength / 2 ? cut : SummaryLength - 1)].TrimEnd() + "…";
    }

    /// <summary>Parameter values: explicit expressions first, then the row's columns, then the built-ins.</summary>
    private static Dictionary<string, string?> Values(BotContext context, IReadOnlyDictionary<string, object?>? row, IReadOnlyDictionary<string, string> expressions, string language)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in BuiltIns(context))
        {
            values[k] = v;
        }

        if (row is not null)
        {
            foreach (var (column, value) in row)
            {
                values[column] = ValueFormatter.Format(value, null, language, context.Settings.TimeZone);
            }
        }

        foreach (var (name, expression) in expressions)
        {
            values[name] = TemplateFiller.RenderExpression(expression, (key, format) => Lookup(context, row, key, format, language));
        }

        return values;
    }

    private static string? Lookup(BotContext context, IReadOnlyDictionary<string, object?>? row, string key, string? format, string language)
    {
        if (row is not null && row.TryGetValue(key, out var value))
        {
            return ValueFormatter.Format(value, format, language, context.Settings.TimeZone);
        }

        if (BuiltIns(context).TryGetValue(key, out var builtIn))
        {
            return ValueFormatter.Format(builtIn, format, language, context.Settings.TimeZone);
        }

        return context.Session.Variables.TryGetValue(key, out var variable)
            ? ValueFormatter.Format(variable, format, language, context.Settings.TimeZone)
            : null;
    }
}
