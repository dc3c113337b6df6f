using Parley.Cli;
using Parley.Hosting;

// One binary: with a command (`db migrate`, `chat`, ...) it runs that command; otherwise it is the server.
if (CliApp.IsCommand(args))
{
    return await CliApp.RunAsync(args);
}

return await ParleyServer.RunAsync(args);

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
