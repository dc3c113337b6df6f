using Parley;
using Parley.Cli;

// One binary: with a command (`db migrate`, `chat`, ...) it runs that command; otherwise it is the server.
if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args);
}

var app = ParleyApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
