using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Bots.Engine;
using Parley.Bots.Engine.Import;
using Parley.Bots.Ministry;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Bots.Rules;
using Parley.Core.Inbound;
using Parley.Core.Messaging;
using Parley.Core.Modules;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Bots.Tests.Engine;

/// <summary>
/// The engine and its bots on a real database, without the web host: a test plays the core, handing the
/// bot one message at a time through Core's rules (<see cref="BotRules"/>) and keeping what the core would store
/// (session, opt-out, state, the messages both ways for the history). Time is a
/// <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;
    private long _messageIds;
    private long _contactIds;

    private EngineHarness(ServiceProvider services, TestDatabase database, FakeTimeProvider time)
    {
        _services = services;
        _database = database;
        Time = time;
    }

    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _services;
    public TestDatabase Database => _database;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<EngineHarness> StartAsync(
        DatabaseKind kind = DatabaseKind.Sqlite,
        IDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new Database(kind, database.ConnectionString));
        services.AddModuleSchema(ModuleSchema.Core);
        services.AddSingleton<Migrator>();
        services.AddOptions<BotOptions>();
        services.AddOptions<Parley.Core.Outbound.OutboundOptions>();
        services.AddSingleton<BotCatalog>();
        services.AddSingleton<Parley.Core.Templates.TemplateCatalog>();
        services.AddSingleton<Parley.Core.Templates.TemplateWriter>();
        services.AddSingleton<MessageQueries>();
        services.AddBotRules();
        services.AddBotEngine();
        services.AddBot<MinistryBot>();
        services.AddBot<TestBot>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Migrator>().MigrateAsync();

        var harness = new EngineHarness(provider, database, time);
        await harness.ImportBuiltInAsync(provider.GetRequiredService<MinistryBot>());
        return harness;
    }

    public async Task ImportBuiltInAsync(EngineBot bot)
    {
        await using var stream = bot.OpenBuiltInDefinitions()!;
        using var reader = new StreamReader(stream);
        var file = BotDefinitionImporter.Parse(await reader.ReadToEndAsync(), bot.Name);
        await Get<BotDefinitionImporter>().ImportAsync(file, BotDefinitionImporter.BuiltInSource, null, bot.Name);
    }

    public Task<ImportSummary> ImportAsync(string yaml, string source = BotDefinitionImporter.ImportSource, string? account = null) =>
        Get<BotDefinitionImporter>().ImportAsync(BotDefinitionImporter.Parse(yaml, "test.yaml"), source, account, "test.yaml");

    /// <summary>A conversation of a new contact with an account served by <paramref name="bot"/>.</summary>
    public Conversation Chat(
        string bot = MinistryBot.BotName,
        IDictionary<string, string>? settings = null,
        string waId = "15550001111",
        string? name = "Ana",
        string accountId = "acme")
    {
        var account = new Account(accountId, "sandbox")
        {
            Bot = bot,
            Settings = settings is null ? new Dictionary<string, string>() : new Dictionary<string, string>(settings),
        };
        var contactId = Interlocked.Increment(ref _contactIds);
        return new Conversation(this, account, new ContactInfo(contactId, waId) { Name = name, Phone = "+" + waId }, contactId * 10);
    }

    internal long NextMessageId() => Interlocked.Increment(ref _messageIds);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>One contact talking to one account; remembers what the core would store between messages.</summary>
internal sealed class Conversation(EngineHarness harness, Account account, ContactInfo contact, long conversationId)
{
    private readonly List<StoredMessage> _history = [];

    public Account Account { get; set; } = account;
    public ContactInfo Contact { get; set; } = contact;
    public string State { get; set; } = ConversationInfo.BotState;
    public string? Session { get; private set; }
    public long LastMessageId { get; private set; }
    public long ConversationId => conversationId;

    /// <summary>When set, the conversation's last inbound time the bot sees (to test the 24-hour window).</summary>
    public DateTimeOffset? LastInboundAt { get; set; }

    public Task<BotResult> SendAsync(string text) => SendAsync(MessageContent.FromText(text));

    public Task<BotResult> ChooseAsync(string id, string? title = null) =>
        SendAsync(new MessageContent { Type = MessageTypes.Interactive, Reply = new InteractiveReply(id, title) { Kind = "list_reply" } });

    public async Task<BotResult> SendAsync(MessageContent content)
    {
        var now = harness.Time.GetUtcNow();
        LastMessageId = harness.NextMessageId();
        var message = new StoredMessage(LastMessageId, StoredMessage.Inbound, content, now)
        {
            AccountId = Account.Id,
            ConversationId = conversationId,
            ContactId = Contact.Id,
        };
        var conversation = new ConversationInfo(conversationId, Account.Id, Contact.Id) { State = State, Session = Session, LastInboundAt = LastInboundAt ?? now };
        var bot = harness.Get<BotCatalog>().For(Account);
        var request = new BotRequest(Account, Contact, conversation, message) { History = _history.TakeLast(InboundProcessor.HistoryTurns).ToList() };
        var result = await harness.Get<BotRules>().HandleAsync(bot, request, CancellationToken.None);
        _history.Add(message);
        foreach (var reply in result.Replies)
        {
            _history.Add(new StoredMessage(harness.NextMessageId(), StoredMessage.Outbound, reply, now) { AccountId = Account.Id, ConversationId = conversationId, ContactId = Contact.Id, InReplyTo = message.Id });
        }

        Session = result.Session ?? Session;
        State = result.ConversationState ?? State;
        if (result.OptedOut is { } optedOut)
        {
            Contact = Contact with { OptedOut = optedOut };
        }

        return result;
    }

    /// <summary>Sends and returns the replies as the contact reads them.</summary>
    public async Task<List<string>> SayAsync(string text) => Texts(await SendAsync(text));

    public static List<string> Texts(BotResult result) =>
        result.Replies.Select(r => r.Type == MessageTypes.Template ? r.Template?.RenderedText ?? "" : r.Text ?? "").ToList();
}
