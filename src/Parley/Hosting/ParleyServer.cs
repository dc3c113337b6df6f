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
            var app = ParleyApp.Build(args);
            // A wrong setting stops the start with one line per problem naming its key, not a stack trace. (Under a
            // test host the host's own start reports the problem.)
            if (RunsAsTheProcess && OptionsProblems.Find(app.Services) is { Count: > 0 } problems)
            {
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"error: {problem}");
                }

                return 1;
            }

            await app.RunAsync();
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
