using System.Diagnostics.Metrics;
using Parley.Core.Observability;

namespace Parley.Identity;

/// <summary>Identity's instruments, on Parley's meter (so <c>GET /metrics</c> and OTLP carry them beside the others).</summary>
public sealed class IdentityMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _verified;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _refused;

    public IdentityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ParleyMetrics.MeterName);
        _sent = meter.CreateCounter<long>("parley.identity.codes.sent", "{code}", "One-time codes queued for delivery, by delivery (text, template).");
        _verified = meter.CreateCounter<long>("parley.identity.codes.verified", "{code}", "One-time codes checked and accepted.");
        _failed = meter.CreateCounter<long>("parley.identity.codes.failed", "{check}", "Code checks that failed, by reason (wrong, expired, dead).");
        _refused = meter.CreateCounter<long>("parley.identity.codes.refused", "{request}", "Code requests refused, by reason (too_many, needs_template, …).");
    }

    public void Sent(string delivery) => _sent.Add(1, new KeyValuePair<string, object?>("delivery", delivery));

    public void Verified() => _verified.Add(1);

    public void Failed(string reason) => _failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
