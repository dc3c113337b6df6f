using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Parley.Core.Hosting;

namespace Parley.Secrets;

/// <summary>
/// The Data Protection key ring in <c>{DataDirectory}/keys</c>: the framework's file repository in a folder only
/// Parley's user can open (0700), each key file made 0600 once written.
/// </summary>
public sealed class PrivateXmlRepository : FileSystemXmlRepository
{
    public PrivateXmlRepository(DirectoryInfo directory, ILoggerFactory logs)
        : base(Prepare(directory), logs)
    {
    }

    public override void StoreElement(XElement element, string friendlyName)
    {
        base.StoreElement(element, friendlyName);
        TightenFiles(Directory);
    }

    private static DirectoryInfo Prepare(DirectoryInfo directory)
    {
        PrivateFiles.EnsureDirectory(directory.FullName);
        TightenFiles(directory);
        return directory;
    }

    private static void TightenFiles(DirectoryInfo directory)
    {
        foreach (var file in directory.EnumerateFiles("*.xml"))
        {
            PrivateFiles.TightenFile(file.FullName);
        }
    }
}
