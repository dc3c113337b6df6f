namespace Parley.Hosting;

/// <summary>Runs the server until it is stopped; a start that fails ends with exit code 1 and one line
/// (<see cref="StartFailure"/>), or the exception once when it looks like a bug.</summary>
public static class ParleyServer
{
    /// <summary>
    /// False when a test's WebApplicationFactory runs Main inside its own process: it learns of a failed start (and takes
    /// the built host) through exceptions that leave Main, so those must pass.
    /// </summary>
    private static bool RunsAsTheProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ParleyServer).Assembly;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await ParleyApp.Build(args).RunAsync();
            return 0;
        }
        catch (Exception ex) when (RunsAsTheProcess)
        {
            // Not rethrown: an unhandled exception would print its stack trace a second time and end with 134 (SIGABRT).
            await Console.Error.WriteLineAsync(StartFailure.Describe(ex) ?? $"error: the server stopped on an unexpected error: {ex}");
            return 1;
        }
    }
}
