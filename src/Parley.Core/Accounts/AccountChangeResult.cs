namespace Parley.Core.Accounts;

public sealed record AccountChangeResult(AccountChangeStatus Status, Account? Account = null)
{
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    public string? Detail { get; init; }
}
