using Parley.Core.Statistics;

namespace Parley.Core.Tests.Statistics;

public sealed class PercentilesTests
{
    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var r = StatisticsQueries.Percentiles([.. Enumerable.Range(1, 100).Select(i => (long)i).Reverse()]);

        r.Samples.ShouldBe(100);
        r.P50Ms.ShouldBe(50);
        r.P90Ms.ShouldBe(90);
        r.P99Ms.ShouldBe(99);
    }

    [Fact]
    public void Percentiles_OfOneSample_AndOfNone()
    {
        StatisticsQueries.Percentiles([420]).P99Ms.ShouldBe(420);
        StatisticsQueries.Percentiles([]).ShouldBe(new ResponseTimes(0, null, null, null));
    }
}
