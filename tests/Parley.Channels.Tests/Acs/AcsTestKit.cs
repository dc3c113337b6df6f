using Microsoft.Extensions.DependencyInjection;
using Parley.Channels.Acs;
using Parley.Core.Accounts;
using Parley.Testing.Fakes;

namespace Parley.Channels.Tests.Acs;

/// <summary>ACS services wired as in the host (named HttpClient, real HTTP), for tests against <see cref="FakeAcs"/>.</summary>
internal static class AcsTestKit
{
    public static ServiceProvider Services(TimeSpan? timeout = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpClient(AcsRestClient.HttpClientName, c => c.Timeout = timeout ?? TimeSpan.FromSeconds(20));
        services.AddSingleton<AcsRestClient>();
        services.AddSingleton<AcsRepeatability>();
        services.AddSingleton<AcsChannel>();
        services.AddSingleton<AcsMediaDownloader>();
        services.AddSingleton<AcsAccountTester>();
        return services.BuildServiceProvider();
    }

    public static Account Account(FakeAcs fake, string? accessKey = null, string? channel = null, string? endpoint = null, string? apiVersion = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Endpoint"] = endpoint ?? fake.BaseUrl,
            ["ChannelRegistrationId"] = channel ?? fake.ChannelRegistrationId,
        };
        if (apiVersion is not null)
        {
            settings["ApiVersion"] = apiVersion;
        }

        return new Account("acs1", Providers.Acs)
        {
            Settings = settings,
            Secrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["AccessKey"] = accessKey ?? fake.AccessKey, ["WebhookSecret"] = "s3cret" },
        };
    }
}
