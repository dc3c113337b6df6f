using Parley.Bots.Engine.Text;

namespace Parley.Bots.Tests.Engine.Text;

public class DamerauLevenshteinTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("donativo", "donativo", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "ac", 1)]
    [InlineData("abcdef", "abdcef", 1)]
    [InlineData("donatvo", "donativo", 1)]
    [InlineData("minsterio", "ministerio", 1)]
    [InlineData("evnto", "evento", 1)]
    [InlineData("reunon", "reunion", 1)]
    [InlineData("infromacion", "informacion", 1)]
    // Optimal string alignment edits no substring twice, so this is 3, not the unrestricted 2.
    [InlineData("ca", "abc", 3)]
    public void Distance_KnownPairs_ReturnsEditCount(string source, string target, int expected)
    {
        DamerauLevenshtein.Distance(source, target).ShouldBe(expected);
        DamerauLevenshtein.Distance(target, source).ShouldBe(expected);
    }

    [Theory]
    [InlineData("kitten", "sitting", 1, 2)]
    [InlineData("kitten", "sitting", 2, 3)]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("abc", "abcdefgh", 2, 3)]
    [InlineData("abc", "xyz", 0, 1)]
    [InlineData("abc", "abc", 0, 0)]
    public void Distance_WithMaxDistance_StopsAtMaxPlusOne(string source, string target, int max, int expected)
    {
        DamerauLevenshtein.Distance(source, target, max).ShouldBe(expected);
    }

    [Fact]
    public void Distance_NegativeMaxDistance_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DamerauLevenshtein.Distance("a", "b", -1));
    }

    [Fact]
    public void Distance_LongStrings_UsesPooledRowsAndStaysCorrect()
    {
        var source = new string('a', 200) + "xy" + new string('b', 200);
        var target = new string('a', 200) + "yx" + new string('b', 199) + "c";

        DamerauLevenshtein.Distance(source, target).ShouldBe(2);
        DamerauLevenshtein.Distance(source, target, 1).ShouldBe(2);
    }

    [Fact]
    public void Distance_RandomPairs_AgreesWithFullMatrix()
    {
        // Guards the prefix/suffix trimming and the early exit against the textbook algorithm.
        var random = new Random(20240611);
        for (var n = 0; n < 2000; n++)
        {
            var source = RandomWord(random);
            var target = RandomWord(random);
            var expected = ReferenceDistance(source, target);
            var max = random.Next(0, 6);

            DamerauLevenshtein.Distance(source, target).ShouldBe(expected, $"{source} / {target}");
            DamerauLevenshtein.Distance(source, target, max).ShouldBe(Math.Min(expected, max + 1), $"{source} / {target} / {max}");
        }
    }

    [Theory]
    [InlineData("donatvo", "donativo", 0.875)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("", "", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void Similarity_KnownPairs_IsOneMinusDistanceOverLongerLength(string source, string target, double expected)
    {
        DamerauLevenshtein.Similarity(source, target).ShouldBe(expected, 1e-9);
    }

    private static string RandomWord(Random random)
    {
        var chars = new char[random.Next(0, 9)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = "abcd"[random.Next(4)];
        }

        return new string(chars);
    }

    private static int ReferenceDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
