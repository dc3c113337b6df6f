using System.CommandLine;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary>
/// The server's services for one management command, without starting the server: the schema is brought up to
/// date (unless <c>Parley:Database:MigrateOnStart</c> is false) and, when asked, the declared accounts are stored.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CliHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<CliHost> OpenAsync(ParseResult parse, bool seedAccounts, CancellationToken ct)
    {
        var app = CliApp.BuildServices(parse);
        try
        {
            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
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

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
