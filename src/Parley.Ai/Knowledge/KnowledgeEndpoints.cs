using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Media.Documents;
using Parley.Core.Accounts;

namespace Parley.Ai.Knowledge;

/// <summary>
/// <c>/api/v1/kb/documents</c>: list, add (multipart <c>file</c>, optional <c>accountId</c>, <c>bot</c>, <c>title</c>) and
/// remove knowledge-base documents. Not mapped by the host on its own: it changes what the assistant says, so it is
/// mapped behind the REST API's key authentication (<c>app.MapKnowledgeApi().RequireAuthorization(...)</c>).
/// </summary>
public static class KnowledgeEndpoints
{
    public static RouteGroupBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/kb/documents").WithTags("Knowledge base");
        group.MapGet("/", ListAsync)
            .WithName("ListKnowledgeDocuments")
            .WithSummary("Knowledge-base documents, all or those of one account (accountId).");
        group.MapPost("/", AddAsync)
            .DisableAntiforgery()
            .WithName("AddKnowledgeDocument")
            .WithSummary("Adds a text, Markdown, HTML, PDF or DOCX document (multipart: file, optional accountId, bot, title).");
        group.MapDelete("/{id:long}", RemoveAsync)
            .WithName("RemoveKnowledgeDocument")
            .WithSummary("Removes a document and its passages.");
        return group;
    }

    private static async Task<Ok<List<KbDocumentView>>> ListAsync(string? accountId, KnowledgeBase knowledge, CancellationToken ct) =>
        TypedResults.Ok((await knowledge.ListAsync(accountId, ct)).Select(KbDocumentView.From).ToList());

    private static async Task<Results<Created<KbAddResult>, ValidationProblem>> AddAsync(
        HttpRequest request, KnowledgeBase knowledge, AccountRegistry accounts, IOptions<AiOptions> options, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the document as multipart/form-data with a 'file' field."] });
        }

        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["'file' is required: a text, Markdown, HTML, PDF or DOCX document."] });
        }

        Account? account = null;
        if (form["accountId"].ToString() is { Length: > 0 } accountId && (account = await accounts.FindAsync(accountId, ct)) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accountId"] = [$"There is no account '{accountId}'."] });
        }

        if (file.Length > KnowledgeBase.MaxBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"Documents may be at most {KnowledgeBase.MaxBytes / (1024 * 1024)} MB."] });
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        // Offline (or settings that do not parse): stored without embeddings; they are made on first use once a provider is set.
        var settings = AiSettings.ForOrOffline(options.Value, account);

        try
        {
            var scope = new KbScope(account?.Id ?? KbScope.Everyone, form["bot"].ToString() is { Length: > 0 } bot ? bot : KbScope.Everyone);
            var title = form["title"].ToString();
            var result = await knowledge.AddAsync(scope, file.FileName, buffer.ToArray(), file.ContentType, title.Length == 0 ? null : title, "api",
                settings.IsOffline ? null : settings, ct);
            return TypedResults.Created($"/api/v1/kb/documents/{result.Id}", result);
        }
        catch (DocumentReadException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message] });
        }
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(long id, KnowledgeBase knowledge, CancellationToken ct) =>
        await knowledge.RemoveAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
