namespace Parley.Tests.Web;

/// <summary>The sandbox page as the binary serves it, started from a directory that is not the project's.</summary>
public sealed class SandboxPageServingTests
{
    [Fact]
    public async Task TheBinary_ServesTheSandboxPageAndItsScript_FromAnyWorkingDirectory()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var (process, url) = await ParleyProcess.StartServerAsync(new Dictionary<string, string?>(database.Settings()));
        await using (process)
        {
            using var http = new HttpClient { BaseAddress = url };

            using var page = await http.GetAsync("/sandbox");
            page.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            (await page.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"account-select\"");
            (await http.GetAsync("/sandbox/sandbox.js")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        }
    }
}
