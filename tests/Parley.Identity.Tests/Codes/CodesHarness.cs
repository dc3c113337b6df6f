using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Outbound;
using Parley.Core.Outbound.Sending;
using Parley.Core.Secrets;
using Parley.Core.Storage;
using Parley.Core.Templates;
using Parley.Identity.Audit;
using Parley.Identity.Codes;
using Parley.Testing;

namespace Parley.Identity.Tests.Codes;

/// <summary>
/// Identity's codes on a running Parley (its database, accounts and outbound queue), with a clock of the test's own:
/// the fake clock starts at the real time so what the running server does (the send, the fill-in) sees the same codes.
/// </summary>
public sealed class CodesHarness : IAsyncDisposable
{
    public const string Phone = "+15550001111";

    private CodesHarness(TestApp app, FakeTimeProvider clock, IdentityOptions options)
    {
        App = app;
        Clock = clock;
        var database = app.Get<Database>();
        var monitor = new TestOptions(options);
        Secrets = new CodeSecrets(database, app.Get<ISecretProtector>(), clock);
        Codes = new OneTimeCodes(new CodeStore(database), Secrets,
            new CodeDelivery(app.Get<AccountRegistry>(), app.Get<ConversationQueries>(), app.Get<IOptions<OutboundOptions>>(), monitor, app.Get<TemplateWriter>(), clock),
            app.Get<OutboundSender>(), new SignInAudit(database, clock, NullLogger<SignInAudit>.Instance), monitor, clock, NullLogger<OneTimeCodes>.Instance);
    }

    public TestApp App { get; }
    public FakeTimeProvider Clock { get; }
    public CodeSecrets Secrets { get; }
    public OneTimeCodes Codes { get; }

    public static async Task<CodesHarness> StartAsync(DatabaseKind kind, IdentityOptions? options = null)
    {
        var app = await TestApp.StartAsync(kind);
        return new CodesHarness(app, new FakeTimeProvider(TimeProvider.System.GetUtcNow()), options ?? new IdentityOptions());
    }

    /// <summary>Requests a code through the sandbox account and returns it, read back from its sealed copy.</summary>
    public async Task<string> SendAsync(string phone = Phone)
    {
        var result = await Codes.RequestAsync(new CodeRequest(phone, "sandbox"), default);
        result.ShouldBeOfType<CodeRequestResult.Sent>(result.ToString());
        return await LastCodeAsync(phone);
    }

    public async Task<string> LastCodeAsync(string phone = Phone)
    {
        await using var c = await App.Get<Database>().OpenAsync();
        var sealedCode = await c.ExecuteScalarAsync<string>("SELECT code_sealed FROM identity_codes WHERE phone = @phone ORDER BY id DESC LIMIT 1", new { phone });
        return Secrets.Unseal(sealedCode!);
    }

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    public static string Other(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
