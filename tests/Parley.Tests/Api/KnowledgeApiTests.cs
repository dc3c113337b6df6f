using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parley.Ai.Knowledge;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>The knowledge base under /api/v1/kb: reading needs <c>read</c>, changes need <c>admin</c>.</summary>
public sealed class KnowledgeApiTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Documents_CanBeAddedListedAndRemoved(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        using var api = await app.ApiClientAsync(ApiScopes.Admin);

        using var created = await api.PostAsync("/api/v1/kb/documents", Upload("hours.txt", "We open from 9 to 5.\n\nClosed on Sundays.", "Opening hours"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var added = (await created.Content.ReadFromJsonAsync<KbAddResult>())!;
        added.Title.ShouldBe("Opening hours");
        added.Format.ShouldBe("text");

        var listed = await api.GetFromJsonAsync<List<KbDocumentView>>("/api/v1/kb/documents?accountId=sandbox");
        listed!.ShouldContain(d => d.Id == added.Id && d.Source == "hours.txt" && d.Origin == "api");

        (await api.PostAsync("/api/v1/kb/documents", Upload("archive.zip", "PK\u0003\u0004"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await api.DeleteAsync($"/api/v1/kb/documents/{added.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.DeleteAsync($"/api/v1/kb/documents/{added.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadScope_CanListButNotChange_AndNoKeyIsUnauthorized()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var reader = await app.ApiClientAsync(ApiScopes.Read);

        (await reader.GetAsync("/api/v1/kb/documents?accountId=sandbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsync("/api/v1/kb/documents", Upload("hours.txt", "We open at 9."))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Client.GetAsync("/api/v1/kb/documents?accountId=sandbox")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static MultipartFormDataContent Upload(string fileName, string text, string? title = null)
    {
        var form = new MultipartFormDataContent { { new StringContent("sandbox"), "accountId" } };
        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }

        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", fileName);
        return form;
    }
}
