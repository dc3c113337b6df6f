using System.CommandLine;
using Parley.Ai.Media.Documents;

namespace Parley.Cli;

/// <summary>
/// <c>read-document</c> (hidden): the separate process in which the server reads one document a contact sent, under a
/// memory cap and a time limit (<see cref="SafeDocumentReader"/>). Request on standard input, text on standard output;
/// no configuration, no database.
/// </summary>
public static class ReadDocumentCommand
{
    public static Command Create()
    {
        var command = new Command(DocumentWorker.Command, "Internal: reads one document for the server in a separate process.") { Hidden = true };
        command.SetAction(async (_, ct) =>
        {
            await using var input = Console.OpenStandardInput();
            await using var output = Console.OpenStandardOutput();
            return await DocumentWorker.RunAsync(input, output, ct);
        });
        return command;
    }
}
