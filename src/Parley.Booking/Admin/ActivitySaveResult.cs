namespace Parley.Booking.Admin;

/// <summary>An activity saved from the admin's form (its id), or what is wrong, by field name.</summary>
public sealed record ActivitySaveResult(long? Id, IReadOnlyDictionary<string, string> Errors)
{
    public bool Ok => Id is not null && Errors.Count == 0;
}
