using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Accounts;
using Parley.Core.Inbound;
using Parley.Core.Storage;
using Parley.Core.Templates;

namespace Parley.Api;

/// <summary>Templates: the catalogue with filters, test rendering, and sync from the provider where one is available.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/templates", "Templates");
        group.MapGet("/", ListAsync)
            .Read()
            .WithName("ListTemplates")
            .WithSummary("Templates, newest first")
            .WithDescription("Filter by `category` (MARKETING, UTILITY, AUTHENTICATION), `language`, `name`, `account` (its own and shared ones); `activeOnly` (default true).")
            .ProducesValidationProblem()
            .WithExamples(response: new PageView<TemplateView>([TemplateView.Example], null));
        group.MapPost("/test", TestAsync)
            .Read()
            .WithName("TestTemplate")
            .WithSummary("Render a template with given parameters")
            .WithDescription(
                "Renders a catalogue template (`name`, `language`, `account`) or a given `body`, reporting placeholders without values (`missing`) " +
                "and values that fit none (`unused`). Nothing is sent. Without `language`: the account's `Language` setting, else " +
                "`Parley:Engine:Language`, else the language of the account's bot; a template kept only in regional variants " +
                "(`en_US`) is found by its language (`en`), and one kept in a single language is found without any.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(
                new TemplateTestRequest { Name = "order_shipped", Language = "es", Parameters = ["Ana", "A-1234"] },
                new TemplateTestResult("Hola Ana, tu pedido A-1234 va en camino.", ["1", "2"], [], [], true) { Language = "es" });
        group.MapPost("/sync", SyncAsync)
            .Admin()
            .WithName("SyncTemplates")
            .WithSummary("Bring an account's approved templates from its provider")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(new TemplateSyncRequest { Account = "meta-main" }, new TemplateSyncResult(12));
        return group;
    }

    private static async Task<Results<Ok<PageView<TemplateView>>, ValidationProblem>> ListAsync(
        string? category, bool? activeOnly, string? account, string? language, string? name, string? cursor, int? limit,
        TemplateCatalog templates, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (limit is < 1 or > Paging.MaxLimit)
        {
            return ApiProblems.Validation("limit", $"'limit' must be between 1 and {Paging.MaxLimit}.");
        }

        var filter = new TemplateFilter
        {
            Category = Blank(category),
            ActiveOnly = activeOnly ?? true,
            AccountId = Blank(account),
            Language = Blank(language),
            Name = Blank(name),
        };
        var page = await templates.ListAsync(filter, before, Paging.Clamp(limit), ct);
        return TypedResults.Ok(page.ToView(TemplateView.From));
    }

    private static async Task<Results<Ok<TemplateTestResult>, ValidationProblem, ProblemHttpResult>> TestAsync(
        TemplateTestRequest request, TemplateCatalog templates, AccountRegistry accounts, BotCatalog bots, IConfiguration configuration, CancellationToken ct)
    {
        var body = request.Body;
        string? language = null;
        if (body is null)
        {
            if (string.IsNullOrWhiteSpace(request.Name))
            {
                return ApiProblems.Validation("name", "Give the template's 'name' (with 'language' and 'account' where needed), or a 'body' to render.");
            }

            var accountId = Blank(request.Account);
            var account = accountId is null ? null : await accounts.FindAsync(accountId, ct);
            if (accountId is not null && account is null)
            {
                return ApiProblems.NotFound($"No account '{accountId}'.");
            }

            var name = request.Name.Trim();
            language = Blank(request.Language) ?? DefaultLanguage(account, bots, configuration);
            var template = await FindTemplateAsync(templates, accountId, name, language, explicitLanguage: Blank(request.Language) is not null, ct);
            if (template is null)
            {
                return ApiProblems.NotFound($"No template '{request.Name}' in '{language ?? "any language"}'{(accountId is null ? "" : $" for account '{accountId}'")}.");
            }

            language = template.Language;

            if (template.Body is null)
            {
                return ApiProblems.Validation("name", $"Template '{template.Name}' has no body text to render (it is defined by its components).");
            }

            body = template.Body;
        }

        var rendered = TemplateRenderer.Render(body, request.Parameters, request.NamedParameters);
        return TypedResults.Ok(new TemplateTestResult(rendered.Text, rendered.Placeholders, rendered.Missing, rendered.Unused, rendered.Complete) { Language = language });
    }

    /// <summary>The account's <c>Language</c> setting, else <c>Parley:Engine:Language</c>, else the language of the account's (or the default) bot.</summary>
    private static string? DefaultLanguage(Account? account, BotCatalog bots, IConfiguration configuration)
    {
        if (account?.Settings.TryGetValue("Language", out var own) == true && !string.IsNullOrWhiteSpace(own))
        {
            return own.Trim();
        }

        if (configuration["Parley:Engine:Language"] is { Length: > 0 } engine)
        {
            return engine.Trim();
        }

        var botName = account?.Bot ?? bots.DefaultBot;
        return bots.All.FirstOrDefault(b => string.Equals(b.Name, botName, StringComparison.OrdinalIgnoreCase))?.DefaultLanguage;
    }

    /// <summary>
    /// The template in <paramref name="language"/>; for a default language also a regional variant of it (<c>es</c> finds
    /// <c>es_MX</c> when that is the only one) or the template's only language.
    /// </summary>
    private static async Task<TemplateInfo?> FindTemplateAsync(TemplateCatalog templates, string? accountId, string name, string? language, bool explicitLanguage, CancellationToken ct)
    {
        if (language is not null && await templates.FindAsync(accountId, name, language, ct) is { } exact)
        {
            return exact;
        }

        if (explicitLanguage)
        {
            return null;
        }

        var all = (await templates.ListAsync(new TemplateFilter { AccountId = accountId, Name = name, ActiveOnly = false }, null, Paging.MaxLimit, ct)).Items;
        var regional = language is null ? [] : all.Where(t => t.Language.StartsWith(language + "_", StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = regional.Count > 0 ? regional : all.ToList();
        var languages = candidates.Select(t => t.Language).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return languages.Count == 1 ? await templates.FindAsync(accountId, name, languages[0], ct) : null;
    }

    private static async Task<Results<Ok<TemplateSyncResult>, ValidationProblem, ProblemHttpResult>> SyncAsync(
        TemplateSyncRequest request, AccountRegistry accounts, IEnumerable<ITemplateSync> syncs, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Account))
        {
            return ApiProblems.Validation("account", "'account' is required.");
        }

        var account = await accounts.FindAsync(request.Account.Trim(), ct);
        if (account is null)
        {
            return ApiProblems.NotFound($"No account '{request.Account}'.");
        }

        var sync = syncs.FirstOrDefault(s => string.Equals(s.Provider, account.Provider, StringComparison.OrdinalIgnoreCase));
        if (sync is null)
        {
            return ApiProblems.Unprocessable("No template sync", $"This build cannot sync templates for provider '{account.Provider}'; template sync is available for Meta accounts once the Meta channel is configured.", "sync_unavailable");
        }

        try
        {
            return TypedResults.Ok(await sync.SyncAsync(account, ct));
        }
        catch (TemplateSyncException ex)
        {
            return ApiProblems.Unprocessable("Template sync failed", ex.Message, "sync_failed");
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
