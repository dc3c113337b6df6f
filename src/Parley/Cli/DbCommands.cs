using System.CommandLine;
using Parley.Core.Storage;

namespace Parley.Cli;

/// <summary><c>db migrate</c>: brings every module's schema up to date (the server also does it at start).</summary>
public static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending schema migrations of every module to the configured database.");
        migrate.SetAction(async (parse, ct) =>
        {
            await using var app = CliApp.BuildServices(parse);
            var database = app.Services.GetRequiredService<Database>();
            var migrator = app.Services.GetRequiredService<Migrator>();
            var applied = await migrator.MigrateAsync(ct);
            var versions = string.Join(", ", (await migrator.StatusAsync(ct)).Select(m => $"{m.Module} {m.Applied}"));
            Console.WriteLine(applied.Count == 0
                ? $"{database.Describe()}: schema is current ({versions})."
                : $"{database.Describe()}: applied {applied.Count} migration(s) ({string.Join(", ", applied)}); schema {versions}.");
            return 0;
        });
        return new Command("db", "Database maintenance.") { migrate };
    }
}
