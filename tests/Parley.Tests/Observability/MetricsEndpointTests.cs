using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Parley.Tests.Observability;

/// <summary><c>GET /metrics</c> in Prometheus text format: Parley's counters, histograms and gauges after real traffic.</summary>
public sealed partial class MetricsEndpointTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Metrics_AfterAConversation_CountMessagesInAndOut_AndTimeProcessing(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        await app.SandboxFor("echo").SendAsync("+15550002222", "one");
        await app.SandboxFor("echo").SendAsync("+15550002222", "two");
        // Regression: waiting for the replies to be queued raced the send (and its counter) on a busy machine.
        await app.SandboxFor("echo").WaitAsync("+15550002222",
            t => t.Count(m => m.Direction == "outbound" && m.Status is "sent" or "delivered" or "read") >= 3);

        using var response = await app.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.ToString().ShouldStartWith("text/plain; version=0.0.4");
        var text = await response.Content.ReadAsStringAsync();

        Value(text, "parley_messages_received_total{provider=\"sandbox\"}").ShouldBe(2);
        Value(text, "parley_messages_sent_total{provider=\"sandbox\"}").ShouldBe(3);
        text.ShouldContain("# TYPE parley_messages_received_total counter");
        text.ShouldContain("# TYPE parley_processing_duration_seconds histogram");
        Value(text, "parley_processing_duration_seconds_count").ShouldBe(2);
        Value(text, "parley_processing_duration_seconds_bucket{le=\"+Inf\"}").ShouldBe(2);
        Value(text, "parley_provider_request_duration_seconds_count{outcome=\"accepted\",provider=\"sandbox\"}").ShouldBe(3);
        text.ShouldContain("# TYPE parley_queue_depth gauge");
        text.ShouldContain("http_server_request_duration_seconds_bucket{");

        // Buckets are cumulative and end at +Inf.
        var buckets = BucketLine().Matches(text).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        buckets.Count.ShouldBeGreaterThan(10);
        buckets.ShouldBe(buckets.OrderBy(b => b).ToList());
    }

    [Fact]
    public async Task Metrics_LabelValuesAndHelp_AreEscaped()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        // The same factory and meter name Parley uses, so the exporter reads it.
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create("Parley");
        var counter = meter.CreateCounter<long>("test.escaping", "{thing}", "Line one\nback\\slash");
        counter.Add(2, new KeyValuePair<string, object?>("label.name", "quote\" back\\ new\nline"));

        var text = await app.Client.GetStringAsync("/metrics");

        text.ShouldContain("# HELP test_escaping_total Line one\\nback\\\\slash\n");
        text.ShouldContain("test_escaping_total{label_name=\"quote\\\" back\\\\ new\\nline\"} 2\n");
    }

    [Fact]
    public async Task Metrics_TwoAppsInOneProcess_KeepTheirOwnCounts()
    {
        await using var a = await TestApp.StartAsync(DatabaseKind.Sqlite);
        await using var b = await TestApp.StartAsync(DatabaseKind.Sqlite);
        await a.SandboxFor("echo").SendAsync("+15550003333", "only a");
        await a.SandboxFor("echo").WaitForRepliesAsync("+15550003333", 2);

        var textA = await a.Client.GetStringAsync("/metrics");
        var textB = await b.Client.GetStringAsync("/metrics");

        Value(textA, "parley_messages_received_total{provider=\"sandbox\"}").ShouldBe(1);
        textB.ShouldNotContain("parley_messages_received_total{provider=\"sandbox\"}");
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new ShouldAssertException($"no series {series} in:\n{text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^parley_processing_duration_seconds_bucket\\{le=\"[^\"]+\"\\} (\\d+)$", RegexOptions.Multiline)]
    private static partial Regex BucketLine();
}
