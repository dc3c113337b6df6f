namespace Parley.Bots.Engine.DataSources;

/// <summary>A data source could not answer (unknown, refused, failed or timed out). The message never contains parameter values.</summary>
public sealed class DataSourceException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Refused because it reads one of Parley's own tables (<see cref="ParleyTables"/>).</summary>
    public bool ReadsParleyTable { get; init; }
}
