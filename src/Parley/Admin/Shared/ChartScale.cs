namespace Parley.Admin.Shared;

/// <summary>
/// A chart's value axis at round values: steps of 1, 2 or 5 times a power of ten (whole numbers for counts), from zero to
/// the first step at or above the largest value. 549 ms gives 0, 200, 400, 600 ms rather than 0, 137, 275, 412, 549.
/// </summary>
public sealed record ChartScale(double Step, double Top)
{
    public static ChartScale For(double max, bool whole, int ticks = 4)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            max = whole ? ticks : 1;
        }

        var raw = max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= raw * 0.999999);
        if (whole)
        {
            step = Math.Max(1, Math.Ceiling(step));
        }

        return new ChartScale(step, Math.Ceiling(max / step - 1e-9) * step);
    }

    /// <summary>The tick values from zero to <see cref="Top"/>.</summary>
    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round(Top / Step);
        return Enumerable.Range(0, count + 1).Select(i => i * Step);
    }
}
