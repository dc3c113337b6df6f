using System.Globalization;
using System.Text;

namespace Parley.Bench;

/// <summary>The printed table: sections of name/value rows, aligned, then the machine-readable RESULT line.</summary>
public sealed class Report
{
    private readonly List<(string Section, string Name, string Value)> _rows = [];
    private string _section = "";

    public void Section(string title) => _section = title;

    public void Row(string name, string value) => _rows.Add((_section, name, value));

    public void Row(string name, FormattableString value) => _rows.Add((_section, name, value.ToString(CultureInfo.InvariantCulture)));

    public void Latency(string name, LatencyHistogram h) => Row(name, h.Count == 0
        ? "n=0"
        : string.Create(CultureInfo.InvariantCulture, $"n={h.Count,-7} p50={h.PercentileMs(50),8:0.00}  p90={h.PercentileMs(90),8:0.00}  p99={h.PercentileMs(99),8:0.00}  p99.9={h.PercentileMs(99.9),8:0.00}  max={h.MaxMs,8:0.00} ms"));

    public void Print(TextWriter output)
    {
        var width = _rows.Count == 0 ? 10 : _rows.Max(r => r.Name.Length) + 2;
        var text = new StringBuilder();
        string? section = null;
        foreach (var (s, name, value) in _rows)
        {
            if (s != section)
            {
                section = s;
                text.Append('\n').Append(s).Append('\n').Append(new string('-', Math.Max(s.Length, 20))).Append('\n');
            }

            text.Append("  ").Append(name.PadRight(width)).Append(value).Append('\n');
        }

        output.Write(text.ToString());
    }

    public static string F(double value, string format = "0.00") =>
        double.IsNaN(value) ? "nan" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>What the machine looked like at the start: the cores are shared, so the load average matters.</summary>
    public static string Machine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ').Take(3) : ["?"];
        return $"{Environment.ProcessorCount} cores, load average {string.Join(' ', load)} (shared machine), .NET {Environment.Version}";
    }
}
