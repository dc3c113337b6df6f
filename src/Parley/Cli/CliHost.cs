using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>
/// The server's services for one management command, without starting the server: the schema is brought up to
/// date (unless <c>Parley:Database:MigrateOnStart</c> is false) and, when asked, the declared accounts are stored.
/// A command that had to create the database says so (on standard error), and <see cref="NoteEmpty"/> names the database
/// whenever a command finds nothing, so another data directory never passes silently for an empty one.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CliHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <summary>The database this command uses, as people read it: <c>sqlite:/path/parley.db</c> or <c>postgres:host:port/db</c>.</summary>
    public string Database => Get<Database>().Describe();

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<CliHost> OpenAsync(ParseResult parse, bool seedAccounts, CancellationToken ct)
    {
        var app = CliApp.BuildServices(parse);
        try
        {
            var database = app.Services.GetRequiredService<Database>();
            var created = database.Kind == DatabaseKind.Sqlite && !File.Exists(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
            }

            if (created)
            {
                await Console.Error.WriteLineAsync(
                    $"note: there was no database here, so a new empty one was created: {database.Describe()}. " +
                    "Another data directory is chosen with --Parley:DataDirectory=PATH.");
            }

            if (seedAccounts)
            {
                await app.Services.GetRequiredService<AccountSeeder>().SeedAsync(ct);
            }

            return new CliHost(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>"No API keys in sqlite:/…/parley.db." and a hint, for a person (see <see cref="CliOutput.Note"/>).</summary>
    public void NoteEmpty(string nothing, string? hint = null) =>
        CliOutput.Note($"{nothing} in {Database}.{(hint is null ? "" : " " + hint)}");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
