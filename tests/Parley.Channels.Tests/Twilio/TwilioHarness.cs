using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parley.Channels.Twilio;
using Parley.Core.Accounts;
using Parley.Core.Hosting;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Twilio;

/// <summary>The Twilio services as the host registers them, pointed at a <see cref="FakeTwilio"/>.</summary>
public sealed class TwilioHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TwilioHarness(FakeTwilio fake, ServiceProvider services)
    {
        Fake = fake;
        _services = services;
    }

    public FakeTwilio Fake { get; }
    public TwilioChannel Channel => (TwilioChannel)_services.GetServices<IChannel>().Single(c => c.Provider == Providers.Twilio);
    public IMediaDownloader Downloader => _services.GetServices<IMediaDownloader>().Single(c => c.Provider == Providers.Twilio);
    public IAccountTester Tester => _services.GetServices<IAccountTester>().Single(c => c.Provider == Providers.Twilio);

    public static async Task<TwilioHarness> StartAsync(string? publicBaseUrl = "https://parley.example.com", IDictionary<string, string?>? settings = null)
    {
        var fake = await FakeTwilio.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Parley:PublicBaseUrl"] = publicBaseUrl,
            ["Parley:Twilio:PartRetryDelay"] = "00:00:00.010",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddOptions<ParleyOptions>().BindConfiguration(ParleyOptions.SectionName);
        services.AddTwilio();
        return new TwilioHarness(fake, services.BuildServiceProvider());
    }

    public Account Account(string? from = "whatsapp:+14155238886", string? authToken = null, string? baseUrl = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["AccountSid"] = Fake.AccountSid,
            ["ApiBaseUrl"] = baseUrl ?? Fake.BaseUrl,
        };
        if (from is not null)
        {
            settings["From"] = from;
        }

        return new Account("tw1", Providers.Twilio)
        {
            Settings = settings,
            Secrets = new Dictionary<string, string> { ["AuthToken"] = authToken ?? Fake.AuthToken },
        };
    }

    public Task<SendResult> SendAsync(MessageContent content, Account? account = null, string to = "15550001111", string? toPhone = "+15550001111", string key = "reply:1:0") =>
        Channel.SendAsync(new OutboundRequest(account ?? Account(), 1, to, content, key) { ToPhone = toPhone }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
