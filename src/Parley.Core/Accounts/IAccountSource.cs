namespace Parley.Core.Accounts;

/// <summary>Somewhere accounts are declared that Parley creates or updates at start.</summary>
public interface IAccountSource
{
    IEnumerable<Account> Accounts();
}
