using System.Net.Http.Json;
using Dapper;
using Parley.Channels.Sandbox;
using Parley.Core.Conversations;

namespace Parley.Tests.Bots;

/// <summary>The ministry bot end to end: sandbox HTTP in, intake, queue, engine, data sources, templates, outbound.</summary>
public sealed class MinistryBotTests
{
    private const string Ana = "+15550001111";

    [Theory, SqliteData, PostgresData]
    public async Task Donativo_IsAnsweredWithTheBankDetailsAndTheClabe(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "Hola, quiero hacer un donativo", name: "Ana");

        var replies = await ministry.WaitForRepliesAsync(Ana, 2);
        replies[0].Text!.ShouldStartWith("¡Hola Ana! 👋 Bienvenido(a) a *Ministerios VEA*");
        replies[1].Text!.ShouldContain("💳 CLABE: 012180001234567899");
        replies[1].Text!.ShouldContain("🏦 Banco: BBVA México");
    }

    [Theory, SqliteData, PostgresData]
    public async Task EventByName_IsAnsweredWithItsDateAndPlace(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "info del evento Retiro de Matrimonios");

        var answer = (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!;
        answer.ShouldContain("Te esperamos en *Retiro de Matrimonios*");
        answer.ShouldContain("📍 Casa de Retiros Monte Horeb, Carretera Federal a Cuernavaca km 42, Tepoztlán, Morelos");
        answer.ShouldContain("08:00 h");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Typos_AndMinistriesByName_StillFindTheAnswer(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "donatvo para los jovenes");
        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!.ShouldContain("CLABE: 014180655012345674");

        await ministry.SendAsync(Ana, "¿quién es el pastor?");
        var contact = (await ministry.WaitForRepliesAsync(Ana, 3))[2].Text!;
        contact.ShouldContain("Pastor Roberto Hernández (Pastor general)");
        contact.ShouldContain("+52 55 4123 8802");
    }

    [Theory, SqliteData, PostgresData]
    public async Task Stop_IsConfirmedOnce_ThenSilence_UntilStart(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var ministry = app.SandboxFor("ministry");
        await ministry.SendAsync(Ana, "hola");
        await ministry.WaitForRepliesAsync(Ana, 1);

        await ministry.SendAsync(Ana, "STOP");
        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text.ShouldBe("Listo, ya no recibirás mensajes nuestros. Envía ALTA para volver a suscribirte.");
        await ministry.SendAsync(Ana, "quiero hacer un donativo");
        await WaitProcessedAsync(app, "ministry");
        (await ministry.ThreadAsync(Ana)).Count(m => m.Direction == "outbound").ShouldBe(2);
        (await OptedOutAsync(app, Ana)).ShouldBe(1);

        await ministry.SendAsync(Ana, "START");
        (await ministry.WaitForRepliesAsync(Ana, 3))[2].Text!.ShouldContain("de vuelta");
        await ministry.SendAsync(Ana, "quiero hacer un donativo");
        (await ministry.WaitForRepliesAsync(Ana, 4))[3].Text!.ShouldContain("CLABE");
        (await OptedOutAsync(app, Ana)).ShouldBe(0);
    }

    [Theory, SqliteData, PostgresData]
    public async Task TakenOver_TheBotIsSilent_AndTheMessageIsStoredAndProcessed_UntilHandedBack(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var ministry = app.SandboxFor("ministry");
        await ministry.SendAsync(Ana, "hola");
        await ministry.WaitForRepliesAsync(Ana, 1);
        var takeover = app.Get<ConversationTakeover>();
        var conversation = (await takeover.FindAsync("ministry", "15550001111")).ShouldNotBeNull();

        (await takeover.TakeOverAsync(conversation.Id)).ShouldBeTrue();
        var id = await ministry.SendAsync(Ana, "quiero hacer un donativo");
        await WaitProcessedAsync(app, "ministry");

        var thread = await ministry.ThreadAsync(Ana);
        thread.ShouldContain(m => m.Id == id && m.Direction == "inbound" && m.Text == "quiero hacer un donativo");
        thread.Count(m => m.Direction == "outbound").ShouldBe(1);
        (await takeover.FindAsync(conversation.Id))!.TakenOver.ShouldBeTrue();

        (await takeover.HandBackAsync(conversation.Id)).ShouldBeTrue();
        await ministry.SendAsync(Ana, "quiero hacer un donativo");
        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text!.ShouldContain("CLABE");
        (await takeover.TakeOverAsync(999_999)).ShouldBeFalse();
    }

    [Fact]
    public async Task HostileText_IsJustNotUnderstood_AndTheDataIsIntact()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "x'); DROP TABLE x; -- \u0000 👨‍👩‍👧");
        (await ministry.WaitForRepliesAsync(Ana, 2))[1].Text.ShouldBe("No entendí tu mensaje, escribe *ayuda* para ver lo que puedo hacer.");
        await ministry.SendAsync(Ana, "evento \"; DELETE FROM demo_events; -- noche de alabanza");

        (await ministry.WaitForRepliesAsync(Ana, 3))[2].Text!.ShouldContain("*Noche de Alabanza*");
        await using var c = await app.Get<Database>().OpenAsync();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM demo_events")).ShouldBe(6);
    }

    [Fact]
    public async Task BurstOf25_TenAnswersAndOneNotice_AllMessagesStored()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var ministry = app.SandboxFor("ministry");

        for (var i = 0; i < 25; i++)
        {
            await ministry.SendAsync(Ana, "hola");
        }

        await WaitProcessedAsync(app, "ministry");
        var thread = await ministry.ThreadAsync(Ana);
        thread.Count(m => m.Direction == "inbound").ShouldBe(25);
        var outbound = thread.Where(m => m.Direction == "outbound").ToList();
        outbound.Count.ShouldBe(11);
        outbound.Count(m => m.Text!.Contains("Espera un minuto", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task ConfiguredMinistryAccount_ReplacesTheBuiltInOne_AndCanAlwaysSendTemplates()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "ministry",
            ["Parley:Accounts:0:Provider"] = "sandbox",
            ["Parley:Accounts:0:Bot"] = "ministry",
            ["Parley:Accounts:0:AlwaysUseTemplates"] = "true",
        });
        var ministry = app.SandboxFor("ministry");

        await ministry.SendAsync(Ana, "quiero hacer un donativo", name: "Ana");

        var answer = (await ministry.WaitForRepliesAsync(Ana, 2))[1];
        answer.Type.ShouldBe("template");
        answer.Template!.Name.ShouldBe("vea_info_donativos");
        answer.Template.Language.ShouldBe("es");
        answer.Template.BodyParameters.ShouldNotBeNull()[5].ShouldBe("012180001234567899");
        answer.Text!.ShouldContain("CLABE: 012180001234567899");
    }

    [Fact]
    public async Task EveryBot_HasASandboxAccount()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        var accounts = await app.Client.GetFromJsonAsync<List<SandboxAccountView>>("/api/v1/sandbox/accounts");

        // The default account comes first: the chat page opens on it.
        accounts!.Select(a => (a.Id, a.Bot)).ShouldBe([("sandbox", "assistant"), ("clinic", "clinic"), ("echo", "echo"), ("ministry", "ministry"), ("resort", "resort")]);
    }

    [Fact]
    public async Task DefaultBotMinistry_ServesTheSandboxAccount_AndTheOthersGetTheirOwn()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Bots:Default"] = "ministry" });

        var accounts = await app.Client.GetFromJsonAsync<List<SandboxAccountView>>("/api/v1/sandbox/accounts");
        accounts!.Select(a => (a.Id, a.Bot)).ShouldBe([("sandbox", "ministry"), ("assistant", "assistant"), ("clinic", "clinic"), ("echo", "echo"), ("resort", "resort")]);

        await app.Sandbox.SendAsync(Ana, "quiero hacer un donativo");
        (await app.Sandbox.WaitForRepliesAsync(Ana, 2))[1].Text!.ShouldContain("CLABE");
    }

    internal static async Task WaitProcessedAsync(TestApp app, string accountId)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            await using (var c = await app.Get<Database>().OpenAsync())
            {
                var pending = await c.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM messages WHERE account_id = @accountId AND direction = 'inbound' AND process_state <> 2", new { accountId });
                if (pending == 0)
                {
                    return;
                }
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Inbound messages of {accountId} were not all processed.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<long> OptedOutAsync(TestApp app, string phone)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT opted_out FROM contacts WHERE account_id = 'ministry' AND phone = @phone", new { phone });
    }
}
