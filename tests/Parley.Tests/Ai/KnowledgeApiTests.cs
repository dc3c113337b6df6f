using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Parley.Ai.Knowledge;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Tests.Ai;

/// <summary>The knowledge-base API group, mapped onto the real host as the REST API will map it.</summary>
public sealed class KnowledgeApiTests
{
    [Fact]
    public async Task Documents_CanBeAddedListedAndRemoved()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var app = ParleyApp.Build([.. db.Settings().Select(kv => $"--{kv.Key}={kv.Value}"), "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        app.MapKnowledgeApi();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var form = new MultipartFormDataContent
        {
            { new StringContent("sandbox"), "accountId" },
            { new StringContent("Opening hours"), "title" },
        };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("We open from 9 to 5.\n\nClosed on Sundays.")), "file", "hours.txt");
        using var created = await http.PostAsync("/api/v1/kb/documents", form);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var added = (await created.Content.ReadFromJsonAsync<KbAddResult>())!;
        added.Title.ShouldBe("Opening hours");
        added.Format.ShouldBe("text");

        var listed = await http.GetFromJsonAsync<List<KbDocumentView>>("/api/v1/kb/documents?accountId=sandbox");
        listed!.ShouldContain(d => d.Id == added.Id && d.Source == "hours.txt" && d.Origin == "api");

        using var bad = new MultipartFormDataContent();
        bad.Add(new ByteArrayContent([0x50, 0x4B, 3, 4]), "file", "archive.zip");
        (await http.PostAsync("/api/v1/kb/documents", bad)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await http.DeleteAsync($"/api/v1/kb/documents/{added.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await http.DeleteAsync($"/api/v1/kb/documents/{added.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.StopAsync();
    }
}
