namespace Parley.Core.Accounts;

public enum AccountChangeStatus
{
    Done,
    Invalid,
    NotFound,
    /// <summary>The account exists already, or it is declared in configuration and must be changed there.</summary>
    Conflict,
}
