namespace Parley.Core.Storage;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
