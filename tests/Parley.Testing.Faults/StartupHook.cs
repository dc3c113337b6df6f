using System.Diagnostics;
using Parley.Testing.Faults;

/// <summary>
/// A .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c>, see <see cref="FaultInjection"/>): runs in a Parley process that a
/// crash test starts, before its Main, and adds the fault bots when the host is built. Nothing of it is in Parley itself.
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => DiagnosticListener.AllListeners.Subscribe(new HostingListenerObserver());
}
