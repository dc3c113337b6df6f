namespace Parley.Tests.Observability;

/// <summary>With <c>Parley:Telemetry:OtlpEndpoint</c> set, the metrics are pushed to an OTLP collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointSet_MetricsArePushedToTheCollector()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Telemetry:OtlpEndpoint"] = collector.MetricsUrl,
            ["Parley:Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Parley:Telemetry:ExportInterval"] = "00:00:01",
        };
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, settings);

        await app.SandboxFor("echo").SendAsync("+15550004444", "hello");
        await app.SandboxFor("echo").WaitForRepliesAsync("+15550004444", 2);

        var export = await collector.WaitForAsync("parley.messages.received");
        export.ContentType.ShouldBe("application/x-protobuf");
        export.Path.ShouldBe("/v1/metrics");
    }

    [Fact]
    public async Task NoOtlpEndpoint_NothingIsExported()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        app.Get<Parley.Observability.OtlpMetricsExporter>().Enabled.ShouldBeFalse();
    }
}
