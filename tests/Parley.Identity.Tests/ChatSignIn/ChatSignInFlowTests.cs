using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Messaging;
using Parley.Core.Storage;
using Parley.Identity.Audit;
using Parley.Identity.ChatSessions;
using Parley.Identity.ChatSignIn;
using Parley.Identity.Codes;
using Parley.Identity.Tests.Codes;
using Parley.Testing;

namespace Parley.Identity.Tests.ChatSignIn;

public sealed class ChatSignInFlowTests
{
    private const string Realm = "identity-test"; // not a module's realm: the clinic registers "clinic"
    private const string Registered = "+34600000001";
    private const long ConversationId = 4242;
    private static readonly IdentitySubject Patient = new(Realm, "patient-7", "Ana", "patient");

    [Fact]
    public async Task Login_number_code_signs_the_conversation_in_and_logout_signs_it_out_in_spanish()
    {
        await using var app = await StartAsync();
        var flow = app.Get<IChatSignIn>();
        var lifetime = TimeSpan.FromHours(24);

        var asked = await flow.HandleAsync(await RequestAsync(app, "login"), Realm, lifetime, default);
        asked.Handled.ShouldBeTrue();
        asked.IsActive.ShouldBeTrue();
        asked.Replies.Single().Text!.ShouldContain("número de teléfono registrado");
        (await flow.IsActiveAsync(ConversationId, default)).ShouldBeTrue();

        // The registered number typed the way people do: national, with spaces (the conversation's country is assumed).
        var sent = await flow.HandleAsync(await RequestAsync(app, "600 000 001"), Realm, lifetime, default);
        sent.Replies.Single().Text!.ShouldContain("código de 6 dígitos");
        sent.Replies.Single().Text!.ShouldNotContain("600000001");
        var code = await CodeAsync(app);

        var notACode = await flow.HandleAsync(await RequestAsync(app, "hola"), Realm, lifetime, default);
        notACode.Replies.Single().Text!.ShouldContain("Escribe el código");

        var wrong = await flow.HandleAsync(await RequestAsync(app, CodesHarness.Other(code)), Realm, lifetime, default);
        wrong.Replies.Single().Text!.ShouldContain("4 intentos");

        var signedIn = await flow.HandleAsync(await RequestAsync(app, code), Realm, lifetime, default);
        signedIn.SignedIn.ShouldNotBeNull();
        signedIn.SignedIn.Subject.ShouldBe(Patient);
        signedIn.Replies.Single().Text!.ShouldContain("Ana");
        (await app.Get<IChatSessions>().CurrentAsync(ConversationId, default))!.Phone.ShouldBe(Registered);
        (await flow.IsActiveAsync(ConversationId, default)).ShouldBeFalse();

        // Once signed in, ordinary messages are the bot's.
        (await flow.HandleAsync(await RequestAsync(app, "quiero una cita"), Realm, lifetime, default)).Handled.ShouldBeFalse();

        var signedOut = await flow.HandleAsync(await RequestAsync(app, "logout"), Realm, lifetime, default);
        signedOut.SignedOut.ShouldBeTrue();
        (await app.Get<IChatSessions>().CurrentAsync(ConversationId, default)).ShouldBeNull();
    }

    [Fact]
    public async Task An_unregistered_number_gets_the_same_answer_and_no_code_and_its_owners_code_is_untouched()
    {
        await using var app = await StartAsync();
        var flow = app.Get<IChatSignIn>();
        var lifetime = TimeSpan.FromHours(1);
        const string stranger = "+34600000999";

        await flow.HandleAsync(await RequestAsync(app, "login"), Realm, lifetime, "en", default);
        var answer = await flow.HandleAsync(await RequestAsync(app, stranger), Realm, lifetime, "en", default);

        answer.Replies.Single().Text!.ShouldStartWith("I sent a 6-digit code");
        await using var c = await app.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity_codes")).ShouldBe(0);

        var typed = await flow.HandleAsync(await RequestAsync(app, "123456"), Realm, lifetime, "en", default);
        typed.Replies.Single().Text!.ShouldContain("no longer works");
        typed.SignedIn.ShouldBeNull();
        (await app.Get<IChatSessions>().CurrentAsync(ConversationId, default)).ShouldBeNull();
    }

    [Fact]
    public async Task An_expired_chat_session_is_announced_once()
    {
        await using var app = await StartAsync();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var database = app.Get<Database>();
        var sessions = new ChatSessionStore(database, clock);
        var flow = new ChatSignInFlow(new ChatFlowStore(database, clock), sessions, app.Get<IOneTimeCodes>(), app.Services.GetServices<IIdentityResolver>(),
            new SignInAudit(database, clock, NullLogger<SignInAudit>.Instance), new TestOptions());
        await sessions.SignInAsync(ConversationId, Registered, Patient, TimeSpan.FromHours(24), default);

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        (await sessions.CurrentAsync(ConversationId, default)).ShouldNotBeNull();
        (await flow.HandleAsync(await RequestAsync(app, "hola"), Realm, TimeSpan.FromHours(24), "es", default)).Handled.ShouldBeFalse();

        clock.Advance(TimeSpan.FromSeconds(2));
        (await sessions.CurrentAsync(ConversationId, default)).ShouldBeNull();
        var told = await flow.HandleAsync(await RequestAsync(app, "hola"), Realm, TimeSpan.FromHours(24), "es", default);
        told.Handled.ShouldBeTrue();
        told.Replies.Single().Text!.ShouldContain("Tu sesión ha caducado");
        (await flow.HandleAsync(await RequestAsync(app, "hola"), Realm, TimeSpan.FromHours(24), "es", default)).Handled.ShouldBeFalse();
    }

    private static Task<TestApp> StartAsync() =>
        TestApp.StartAsync(DatabaseKind.Sqlite, services: s => s.AddSingleton<IIdentityResolver>(new TestResolver(Realm, Registered, Patient)));

    private static async Task<BotRequest> RequestAsync(TestApp app, string text)
    {
        var account = (await app.Get<AccountRegistry>().FindAsync("sandbox"))!;
        return new BotRequest(account, new ContactInfo(1, "34600000001"), new ConversationInfo(ConversationId, "sandbox", 1),
            new StoredMessage(1, StoredMessage.Inbound, MessageContent.FromText(text), TimeProvider.System.GetUtcNow()));
    }

    private static async Task<string> CodeAsync(TestApp app)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        var sealedCode = await c.ExecuteScalarAsync<string>("SELECT code_sealed FROM identity_codes ORDER BY id DESC LIMIT 1");
        return app.Get<CodeSecrets>().Unseal(sealedCode!);
    }
}
