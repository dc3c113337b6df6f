using System.Diagnostics;

namespace Parley.Testing.Faults;

/// <summary>Finds the hosting's diagnostic listener (the one WebApplicationFactory also uses) and watches it.</summary>
internal sealed class HostingListenerObserver : IObserver<DiagnosticListener>
{
    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            value.Subscribe(new HostBuildingObserver());
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
