using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Bots.Echo;
using Parley.Core.Bots;

namespace Parley.Testing.Faults;

/// <summary>When the host is being built, registers the <see cref="KillingBot"/> beside Parley's own bots.</summary>
internal sealed class HostBuildingObserver : IObserver<KeyValuePair<string, object?>>
{
    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
        {
            builder.ConfigureServices(services =>
                services.AddSingleton<IBot>(sp => new KillingBot(sp.GetRequiredService<EchoBot>())));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
