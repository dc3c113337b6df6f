using Parley.Bots.Engine.DataSources;

namespace Parley.Bots.Tests.Engine.DataSources;

public sealed class RowMatcherTests
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, object?>> Events =
    [
        Row("Noche de Alabanza", "Ministerio de Alabanza"),
        Row("Congreso de Jóvenes Fuego", "Ministerio de Jóvenes"),
        Row("Conferencia Anual de Liderazgo", "Ministerios VEA"),
        Row("Retiro de Matrimonios", "Ministerio de Matrimonios"),
        Row("Conferencia de Mujeres", "Ministerio de Mujeres"),
    ];

    private static IReadOnlyDictionary<string, object?> Row(string name, string ministry) =>
        new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["event_name"] = name, ["ministry_name"] = ministry };

    [Theory]
    [InlineData("info del evento Noche de Alabanza", "Noche de Alabanza")]
    [InlineData("INFO DEL EVENTO NOCHE DE ALABANZA", "Noche de Alabanza")]
    [InlineData("cuando es el retiro de matrimonos", "Retiro de Matrimonios")]
    [InlineData("evento de jovenes", "Congreso de Jóvenes Fuego")]
    [InlineData("la conferencia de mujeres", "Conferencia de Mujeres")]
    [InlineData("conferencia de liderazgo", "Conferencia Anual de Liderazgo")]
    [InlineData("la conferencia", "Conferencia Anual de Liderazgo")]
    public void Best_PicksTheRowTheMessageNames(string message, string expected)
    {
        RowMatcher.Best(Events, ["event_name", "ministry_name"], message)!["event_name"].ShouldBe(expected);
    }

    [Theory]
    [InlineData("info del evento")]
    [InlineData("ministerio")]
    [InlineData("")]
    [InlineData("'; DROP TABLE demo_events; --")]
    public void Best_NoTellingWord_IsNull(string message)
    {
        RowMatcher.Best(Events, ["event_name", "ministry_name"], message).ShouldBeNull();
    }
}
