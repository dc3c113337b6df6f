using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Parley.Ai;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Ai.Media.Documents;

namespace Parley.Cli;

/// <summary><c>kb add FILE [--account ID] [--bot NAME]</c>, <c>kb list</c>, <c>kb remove ID</c>: the assistant's knowledge base.</summary>
public static class KbCommands
{
    public static Command Create() => new("kb", "The assistant's knowledge base: documents it answers from.") { Add(), List(), Remove() };

    private static Command Add()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A text, Markdown, HTML, PDF or DOCX file." };
        var account = new Option<string?>("--account") { Description = "The account whose assistant uses it; without it, every account." };
        var bot = new Option<string?>("--bot") { Description = "Only for this bot; without it, every bot of the account." };
        var title = new Option<string?>("--title") { Description = "The title shown as its source; defaults to the document's own title or file name." };
        var command = new Command("add", "Add a document (or replace the one of the same file name).") { file, account, bot, title };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new InvalidOperationException($"There is no file '{path.FullName}'.");
            }

            await using var app = await OpenAsync(parse, ct);
            var services = app.Services;
            var accountId = parse.GetValue(account);
            var found = accountId is null ? null : await CliAccounts.FindAsync(services, accountId, ct);
            var settings = AiSettings.For(services.GetRequiredService<IOptions<AiOptions>>().Value, found);
            var scope = new KbScope(found?.Id ?? KbScope.Everyone, parse.GetValue(bot) ?? KbScope.Everyone);
            try
            {
                var result = await services.GetRequiredService<KnowledgeBase>().AddAsync(
                    scope, path.Name, await File.ReadAllBytesAsync(path.FullName, ct), null, parse.GetValue(title), "cli", settings.IsOffline ? null : settings, ct);
                var whom = scope.AccountId.Length == 0 ? "every account" : $"account '{scope.AccountId}'";
                var which = scope.Bot.Length == 0 ? "" : $", bot '{scope.Bot}'";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Added document {result.Id} '{result.Title}' ({result.Format}, {result.Passages} passages, {result.Chars:N0} characters) for {whom}{which}."));
                if (result.Embedded > 0)
                {
                    Console.WriteLine($"Embedded {result.Embedded} passages with {settings.EffectiveEmbeddingModel}.");
                }
            }
            catch (DocumentReadException ex)
            {
                throw new InvalidOperationException(ex.Message, ex);
            }

            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var account = new Option<string?>("--account") { Description = "Only this account's documents." };
        var format = CliOutput.FormatOption();
        var command = new Command("list", "List the documents.") { account, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await OpenAsync(parse, ct);
            var documents = await app.Services.GetRequiredService<KnowledgeBase>().ListAsync(parse.GetValue(account), ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(documents);
                return 0;
            }

            if (documents.Count == 0)
            {
                app.NoteEmpty(parse.GetValue(account) is { } a ? $"No documents for account '{a}'" : "No documents", $"Add one with: {CliHelp.Run("kb add FILE")}");
                return 0;
            }

            var table = new CliTable("Id", "Account", "Bot", "Format", "Passages", "Title", "Source");
            foreach (var d in documents)
            {
                table.Add(d.Id.ToString(CultureInfo.InvariantCulture), d.AccountId.Length == 0 ? "(all)" : d.AccountId, d.Bot.Length == 0 ? "(all)" : d.Bot,
                    d.Format, d.Passages.ToString(CultureInfo.InvariantCulture), d.Title, d.Source);
            }

            table.Write();
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("ID") { Description = "The document's id, as `kb list` shows it." };
        var command = new Command("remove", "Remove a document and its passages.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await OpenAsync(parse, ct);
            var documentId = parse.GetValue(id);
            if (!await app.Services.GetRequiredService<KnowledgeBase>().RemoveAsync(documentId, ct))
            {
                throw new InvalidOperationException($"There is no document {documentId}.");
            }

            Console.WriteLine($"Removed document {documentId}.");
            return 0;
        });
        return command;
    }

    /// <summary>The services with the schema brought up to date (the server may never have run on this database).</summary>
    private static Task<CliHost> OpenAsync(ParseResult parse, CancellationToken ct) => CliHost.OpenAsync(parse, seedAccounts: false, ct);
}
