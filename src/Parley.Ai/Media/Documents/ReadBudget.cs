namespace Parley.Ai.Media.Documents;

/// <summary>
/// Decompressed bytes a reader may still take from one document (<see cref="DocumentLimits.MaxInflatedBytes"/>),
/// shared by every part or stream it inflates. Taking more than is left refuses the document.
/// </summary>
internal sealed class ReadBudget(long limit)
{
    private readonly long _limit = limit;

    public long Remaining { get; private set; } = limit;

    /// <exception cref="DocumentReadException">The document would inflate to more than the limit.</exception>
    public void Take(long count)
    {
        if (count > Remaining)
        {
            Remaining = 0;
            throw TooMuch(_limit);
        }

        Remaining -= count;
    }

    public static DocumentReadException TooMuch(long limit) => new(DocumentProblem.TooComplex,
        $"The file inflates to more than {limit / (1024 * 1024)} MB when decompressed; it was not read.");
}
