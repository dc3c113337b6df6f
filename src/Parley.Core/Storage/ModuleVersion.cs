namespace Parley.Core.Storage;

/// <summary>Where a module's schema stands: the newest version applied to the database and the newest this build has.</summary>
public sealed record ModuleVersion(string Module, int Applied, int Latest)
{
    public bool Current => Applied >= Latest;
}
