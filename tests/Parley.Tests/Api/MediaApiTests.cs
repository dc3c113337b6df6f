using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Parley.Core.ApiKeys;

namespace Parley.Tests.Api;

/// <summary>GET /api/v1/media/{id} (scope read), POST /api/v1/media (scope messages:send), and sending an uploaded file.</summary>
public sealed class MediaApiTests
{
    private const string Ana = "+15550001111";

    /// <summary>A valid 1×1 PNG.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Theory, SqliteData, PostgresData]
    public async Task InboundMedia_HasAMediaUrl_ReadableWithTheReadScopeOnly(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        await app.SandboxFor("echo").SendFileAsync(Ana, Png, "receipt.png", "image/png", "my receipt");
        using var reader = await app.ApiClientAsync(ApiScopes.Read);

        var history = await reader.GetJsonAsync($"/api/v1/history?phone={Uri.EscapeDataString(Ana)}&account=echo");
        var image = history.GetProperty("messages").EnumerateArray().Single(m => m.Str("type") == "image");
        var url = image.Str("mediaUrl");
        url.ShouldStartWith("/api/v1/media/");

        using (var response = await reader.GetAsync(url))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        }

        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var sender = await app.ApiClientAsync(ApiScopes.MessagesSend);
        (await sender.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var unknown = await reader.GetAsync("/api/v1/media/" + new string('0', 64));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await reader.GetAsync("/api/v1/media/..%2F..%2Fparley.db")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_ThenSendByStoredId_ReachesTheContactAsADocument()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync(Ana, "hello");
        await echo.WaitForRepliesAsync(Ana, 1);
        using var api = await app.ApiClientAsync(ApiScopes.Read, ApiScopes.MessagesSend);

        using var upload = await api.PostAsync("/api/v1/media", FileForm(Pdf, "invoice.pdf", "application/pdf"));
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var stored = await upload.JsonAsync();
        var storedId = stored.Str("id");
        stored.Str("mimeType").ShouldBe("application/pdf");
        stored.Str("fileName").ShouldBe("invoice.pdf");
        stored.GetProperty("size").GetInt64().ShouldBe(Pdf.Length);
        stored.Str("url").ShouldBe($"/api/v1/media/{storedId}");
        upload.Headers.Location!.ToString().ShouldBe($"/api/v1/media/{storedId}");

        var (sent, accepted) = await api.PostJsonAsync("/api/v1/messages",
            new { account = "echo", to = Ana, type = "document", text = "Your invoice", media = new { storedId } });
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, accepted.ToString());
        var id = accepted.Str("id");

        var thread = await echo.WaitAsync(Ana, t => t.Any(m => m.Id == id && m.Status == "read"));
        var document = thread.Single(m => m.Id == id).Media!;
        document.FileName.ShouldBe("invoice.pdf"); // taken from the upload
        document.MimeType.ShouldBe("application/pdf");
        (await app.Client.GetByteArrayAsync(document.Url)).ShouldBe(Pdf);

        var message = await api.GetJsonAsync($"/api/v1/messages/{id}");
        message.Str("mediaUrl").ShouldBe($"/api/v1/media/{storedId}?message={id}");
        (await api.GetByteArrayAsync(message.Str("mediaUrl"))).ShouldBe(Pdf);
    }

    [Fact]
    public async Task UploadAndSend_Mistakes_NameTheField_AndTheScopeIsNeeded()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var echo = app.SandboxFor("echo");
        await echo.SendAsync(Ana, "hello");
        using var api = await app.ApiClientAsync(ApiScopes.MessagesSend);

        var (unknown, problem) = await api.PostJsonAsync("/api/v1/messages",
            new { account = "echo", to = Ana, type = "image", media = new { storedId = new string('a', 64) } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["media.storedId"]);

        using var empty = await api.PostAsync("/api/v1/media", new MultipartFormDataContent { { new StringContent("x"), "note" } });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.JsonAsync()).ErrorFields().ShouldBe(["file"]);

        using var reader = await app.ApiClientAsync(ApiScopes.Read);
        (await reader.PostAsync("/api/v1/media", FileForm(Png, "a.png", "image/png"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsync("/api/v1/media", FileForm(Png, "a.png", "image/png"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AFileBrowsersCouldRun_IsServedOnlyAsADownload()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync(ApiScopes.Read, ApiScopes.MessagesSend);
        var svg = Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>""");

        using var upload = await api.PostAsync("/api/v1/media", FileForm(svg, "cat.svg", "image/svg+xml"));
        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var response = await api.GetAsync((await upload.JsonAsync()).Str("url"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("cat.svg");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        string.Join(",", response.Headers.GetValues("Content-Security-Policy")).ShouldContain("sandbox");
    }

    [Fact]
    public async Task TheSandboxMediaRoute_ServesOnlyItsOwnAccountsFiles()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var echo = app.SandboxFor("echo");
        await echo.SendFileAsync(Ana, Png, "private.png", "image/png");
        var url = (await echo.ThreadAsync(Ana)).Single(m => m.Type == "image").Media!.Url!;
        url.ShouldStartWith("/api/v1/sandbox/echo/media/");
        var mediaId = url[(url.LastIndexOf('/') + 1)..url.IndexOf('?', StringComparison.Ordinal)];

        (await app.Client.GetByteArrayAsync(url)).ShouldBe(Png);
        // The credential-free sandbox must not read files of another account's messages.
        (await app.Client.GetAsync($"/api/v1/sandbox/sandbox/media/{mediaId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Client.GetAsync($"/api/v1/sandbox/sandbox/media/{mediaId}{url[url.IndexOf('?', StringComparison.Ordinal)..]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    // Regression (issue 17, item 10): files are stored once per content, and identical bytes sent again were served
    // with the type and name of whoever sent them first, to everyone.
    [Theory, SqliteData, PostgresData]
    public async Task IdenticalBytes_SentAsTwoDifferentFiles_AreServedWithEachMessagesOwnTypeAndName(DatabaseKind kind)
    {
        const string Ben = "+15550002222";
        await using var app = await TestApp.StartAsync(kind);
        var echo = app.SandboxFor("echo");
        await echo.SendFileAsync(Ana, Pdf, "notes.txt", "text/plain");
        await echo.SendFileAsync(Ben, Pdf, "report.pdf", "application/pdf");
        using var reader = await app.ApiClientAsync(ApiScopes.Read);

        var anasFile = await MediaMessageAsync(reader, Ana);
        var bensFile = await MediaMessageAsync(reader, Ben);
        anasFile.Url.ShouldNotBe(bensFile.Url);

        using (var bens = await reader.GetAsync(bensFile.Url))
        {
            bens.StatusCode.ShouldBe(HttpStatusCode.OK);
            bens.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            bens.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("report.pdf");
            (await bens.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        }

        using (var anas = await reader.GetAsync(anasFile.Url))
        {
            anas.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream"); // text/plain: a download
            anas.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("notes.txt");
        }

        // The sandbox's own links, too; and a message that does not carry the file does not serve it.
        var bensThread = await echo.ThreadAsync(Ben);
        using (var sandbox = await app.Client.GetAsync(bensThread.Single(m => m.Type == "document").Media!.Url))
        {
            sandbox.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("report.pdf");
        }

        var storedId = bensFile.Url[(bensFile.Url.LastIndexOf('/') + 1)..bensFile.Url.IndexOf('?', StringComparison.Ordinal)];
        var textMessage = (await echo.WaitForRepliesAsync(Ben, 1)).First(m => m.Type != "document").Id;
        (await reader.GetAsync($"/api/v1/media/{storedId}?message={textMessage}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<(string Id, string Url)> MediaMessageAsync(HttpClient api, string phone)
    {
        var history = await api.GetJsonAsync($"/api/v1/history?phone={Uri.EscapeDataString(phone)}&account=echo");
        var document = history.GetProperty("messages").EnumerateArray().Single(m => m.Str("type") == "document");
        return (document.Str("id"), document.Str("mediaUrl"));
    }

    private static MultipartFormDataContent FileForm(byte[] content, string fileName, string mimeType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
