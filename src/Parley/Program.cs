using Parley;
using Parley.Cli;

// One binary: with a command (`db migrate`, `chat`, ...) it runs that command; otherwise it is the server.
if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args);
}

var app = ParleyApp.Build(args);
// A wrong setting stops the start with one line per problem naming its key, not a stack trace. (Under a test host,
// WebApplicationFactory, the entry assembly is the test runner's, and the host's own start reports the problem.)
if (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly && Parley.Hosting.OptionsProblems.Find(app.Services) is { Count: > 0 } problems)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"error: {problem}");
    }

    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
