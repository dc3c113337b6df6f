using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.Channels.Sandbox;

namespace Parley.Cli;

/// <summary>
/// <c>chat --from +15550001111</c>: talk to a sandbox bot from the terminal, through the sandbox's HTTP API
/// (the same path as the chat page). Uses a running server given by <c>--url</c>, or starts one in-process.
/// Type a number to press a button or pick a list row; <c>/quit</c> or end of input leaves.
/// </summary>
public static class ChatCommand
{
    public const string TokenVariable = "PARLEY_SANDBOX_TOKEN";

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Your phone number, like +15550001111.", Required = true };
        var name = new Option<string?>("--name") { Description = "Your display name." };
        var account = new Option<string>("--account") { Description = "The sandbox account (bot) to talk to.", DefaultValueFactory = _ => SandboxAccounts.DefaultAccountId };
        var url = new Option<string?>("--url") { Description = "A running Parley server; without it, one is started in-process." };
        var token = new Option<string?>("--token")
        {
            Description = $"The sandbox's access token, when the server asks for one (Parley:Sandbox:AccessToken); default: the {TokenVariable} environment variable.",
        };
        var command = new Command("chat", "Chat with a sandbox bot in the terminal.") { from, name, account, url, token };
        command.SetAction(async (parse, ct) =>
        {
            WebApplication? server = null;
            var baseUrl = parse.GetValue(url);
            if (baseUrl is null)
            {
                server = CliApp.BuildServices(parse, "--urls=http://127.0.0.1:0");
                await server.StartAsync(ct);
                baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            }

            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
                if ((parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable)) is { Length: > 0 } secret)
                {
                    http.DefaultRequestHeaders.Add(SandboxAccess.TokenHeader, secret);
                }

                var session = new ChatSession(http, parse.GetValue(account)!, parse.GetRequiredValue(from), parse.GetValue(name));
                return await session.RunAsync(Console.In, Console.Out, ct);
            }
            finally
            {
                if (server is not null)
                {
                    await server.StopAsync(CancellationToken.None);
                    await server.DisposeAsync();
                }
            }
        });
        return command;
    }
}
