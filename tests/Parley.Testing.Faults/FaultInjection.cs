namespace Parley.Testing.Faults;

/// <summary>How a test loads this assembly into a Parley process it starts.</summary>
public static class FaultInjection
{
    /// <summary>The environment that makes a started Parley load the fault bots (the bot <c>crash</c>).</summary>
    public static IDictionary<string, string?> Environment() => new Dictionary<string, string?>
    {
        ["DOTNET_STARTUP_HOOKS"] = Path.Combine(AppContext.BaseDirectory, "Parley.Testing.Faults.dll"),
    };
}
