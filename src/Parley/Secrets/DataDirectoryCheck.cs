using Microsoft.Extensions.Options;
using Parley.Core.Hosting;
using Parley.Core.Startup;
using Parley.Core.Storage;

namespace Parley.Secrets;

/// <summary>
/// At start: the data directory and its folders are made private (0700), older installations' included, and what
/// cannot be made private (a volume owned by another user) is named in a warning. New files are created private by
/// the code that writes them (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class DataDirectoryCheck(IOptions<ParleyOptions> parley, Database database, ILogger<DataDirectoryCheck> logger) : IStartupTask
{
    public string Name => "host.data-directory";

    public StartupPhase Phase => StartupPhase.Accounts;

    public Task RunAsync(CancellationToken ct)
    {
        var data = parley.Value.DataPath();
        foreach (var folder in new[] { data, Path.Combine(data, "keys"), Path.Combine(data, "media") })
        {
            if ((folder == data || Directory.Exists(folder)) && !PrivateFiles.EnsureDirectory(folder))
            {
                logger.LogWarning(
                    "{Folder} can be read by other users of this machine and Parley may not change that: it holds the key ring, the database or contacts' media. Run `chmod 700` on it as its owner",
                    folder);
            }
        }

        if (database.NotPrivate is { } file)
        {
            logger.LogWarning("{File} can be read by other users of this machine and Parley may not change that. Run `chmod 600` on it as its owner", file);
        }

        return Task.CompletedTask;
    }
}
