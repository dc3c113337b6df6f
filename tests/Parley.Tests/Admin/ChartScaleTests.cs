using Parley.Admin.Shared;

namespace Parley.Tests.Admin;

/// <summary>
/// Chart axes at round values. Regression (issue 20): the reply-time chart put its ticks at a quarter of the largest value
/// rounded up to 1, 2, 2.5, 5 or 10, so 2.6 s gave ticks at 1.25 s and 3.75 s.
/// </summary>
public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(549, false, new[] { 0.0, 200, 400, 600 })]
    [InlineData(2600, false, new[] { 0.0, 1000, 2000, 3000 })]
    [InlineData(75_000, false, new[] { 0.0, 20_000, 40_000, 60_000, 80_000 })]
    [InlineData(7, true, new[] { 0.0, 2, 4, 6, 8 })]
    [InlineData(1, true, new[] { 0.0, 1 })]
    [InlineData(0, true, new[] { 0.0, 1, 2, 3, 4 })]
    [InlineData(12, true, new[] { 0.0, 5, 10, 15 })]
    public void Ticks_AreOneTwoOrFiveTimesAPowerOfTen(double max, bool whole, double[] ticks) =>
        ChartScale.For(max, whole).Ticks().ShouldBe(ticks);

    [Theory]
    [InlineData(200, "200 ms")]
    [InlineData(1000, "1 s")]
    [InlineData(1500, "1.5 s")]
    [InlineData(120_000, "2 min")]
    public void DurationLabels_AreAsShortAsTheyAreExact(double ms, string label) => Fmt.Duration(ms).ShouldBe(label);
}
