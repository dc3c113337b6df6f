namespace Parley.Core.Accounts;

/// <summary>Extra checks a channel makes on its accounts (formats of ids, URLs); registered beside the channel.</summary>
public interface IAccountRules
{
    string Provider { get; }

    IEnumerable<FieldError> Validate(Account account);
}
