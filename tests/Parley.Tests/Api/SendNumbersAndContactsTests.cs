using System.Net;
using Microsoft.Extensions.Configuration;

namespace Parley.Tests.Api;

/// <summary>
/// Seed 003's loose ends in the send API: an account's <c>DefaultCountryCode</c> reads numbers written without one, and
/// contact cards can be sent.
/// </summary>
public sealed class SendNumbersAndContactsTests
{
    [Fact]
    public async Task DefaultCountryCode_ReadsNationalNumbers_OnlyForTheAccountThatHasIt()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "shop", ["Parley:Accounts:0:Provider"] = "sandbox", ["Parley:Accounts:0:Bot"] = "echo",
            ["Parley:Accounts:0:DefaultCountryCode"] = "1",
        });
        using var api = await app.ApiClientAsync();
        await app.SandboxFor("shop").SendAsync("+15550001111", "hi");
        await app.SandboxFor("shop").WaitForRepliesAsync("+15550001111", 1);
        await app.SandboxFor("echo").SendAsync("+15550001111", "hi");
        await app.SandboxFor("echo").WaitForRepliesAsync("+15550001111", 1);

        var (sent, body) = await api.PostJsonAsync("/api/v1/messages", new { account = "shop", to = "(555) 000-1111", text = "Hello" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        var history = await api.GetJsonAsync("/api/v1/history?phone=555-000-1111&account=shop");
        history.Str("phone").ShouldBe("+15550001111");
        history.GetProperty("messages").EnumerateArray().ShouldContain(m => m.GetProperty("text").GetString() == "Hello");

        var (refused, problem) = await api.PostJsonAsync("/api/v1/messages", new { account = "echo", to = "(555) 000-1111", text = "Hello" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["to"]);
    }

    [Fact]
    public void DefaultCountryCode_ThatIsNoCountryCode_IsRefusedNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "shop", ["Parley:Accounts:0:Provider"] = "sandbox", ["Parley:Accounts:0:DefaultCountryCode"] = "999",
        }).Build();

        var failure = Should.Throw<InvalidOperationException>(() => Parley.Core.Accounts.ConfiguredAccounts.Read(configuration.GetSection("Parley:Accounts:0")));

        failure.Message.ShouldStartWith("Parley:Accounts:0:DefaultCountryCode must be an assigned country calling code");
    }

    [Fact]
    public async Task ContactCards_AreSent()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        using var api = await app.ApiClientAsync();
        await app.SandboxFor("echo").SendAsync("+15550001111", "who do I call?");
        await app.SandboxFor("echo").WaitForRepliesAsync("+15550001111", 1);

        var (sent, body) = await api.PostJsonAsync("/api/v1/messages", new
        {
            account = "echo", to = "+15550001111",
            contacts = new[] { new { formattedName = "Pastor Juan", phones = new[] { new { phone = "+525512345678", type = "CELL" } } } },
        });

        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        var message = await api.GetJsonAsync($"/api/v1/messages/{body.Str("id")}");
        message.Str("type").ShouldBe("contacts");
        message.GetProperty("content").GetProperty("contacts")[0].Str("formattedName").ShouldBe("Pastor Juan");
    }
}
