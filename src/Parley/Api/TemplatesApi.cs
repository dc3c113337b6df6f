using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Accounts;
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
            .WithDescription("Renders a catalogue template (`name`, `language`, `account`) or a given `body`, reporting placeholders without values (`missing`) and values that fit none (`unused`). Nothing is sent.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(
                new TemplateTestRequest { Name = "order_shipped", Language = "es", Parameters = ["Ana", "A-1234"] },
                new TemplateTestResult("Hola Ana, tu pedido A-1234 va en camino.", ["1", "2"], [], [], true));
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
        TemplateTestRequest request, TemplateCatalog templates, CancellationToken ct)
    {
        var body = request.Body;
        if (body is null)
        {
            if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Language))
            {
                return ApiProblems.Validation(
                    string.IsNullOrWhiteSpace(request.Name) ? "name" : "language",
                    "Give the template's 'name' and 'language' (and 'account' for an account's own template), or a 'body' to render.");
            }

            var template = await templates.FindAsync(Blank(request.Account), request.Name.Trim(), request.Language.Trim(), ct);
            if (template is null)
            {
                return ApiProblems.NotFound($"No template '{request.Name}' in '{request.Language}'{(request.Account is null ? "" : $" for account '{request.Account}'")}.");
            }

            if (template.Body is null)
            {
                return ApiProblems.Validation("name", $"Template '{template.Name}' has no body text to render (it is defined by its components).");
            }

            body = template.Body;
        }

        var rendered = TemplateRenderer.Render(body, request.Parameters, request.NamedParameters);
        return TypedResults.Ok(new TemplateTestResult(rendered.Text, rendered.Placeholders, rendered.Missing, rendered.Unused, rendered.Complete));
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
