using Parley.Bots.Engine;
using Parley.Core.Accounts;

namespace Parley.Bots.Tests.Engine;

public sealed class AccountEngineSettingsTests
{
    private static AccountEngineSettings Read(Dictionary<string, string> settings, EngineOptions? defaults = null) =>
        AccountEngineSettings.From(new Account("acme", "sandbox") { Settings = settings }, defaults ?? new EngineOptions(), new DummyBot());

    [Fact]
    public void Defaults_ComeFromTheOptions_AndTheBot()
    {
        var s = Read([]);

        s.Language.ShouldBe("es");
        s.IntentThreshold.ShouldBe(0.75);
    }

    [Fact]
    public void Settings_OverrideTheDefaults()
    {
        var s = Read(new()
        {
            ["Language"] = "EN",
            ["AlwaysUseTemplates"] = "true",
            ["IntentThreshold"] = "0.8",
            ["TimeZone"] = "America/Bogota",
        });

        s.Language.ShouldBe("en");
        s.AlwaysUseTemplates.ShouldBeTrue();
        s.IntentThreshold.ShouldBe(0.8);
        s.TimeZone.Id.ShouldBe("America/Bogota");
    }

    [Theory]
    [InlineData("IntentThreshold", "1.5")]
    [InlineData("AlwaysUseTemplates", "yes")]
    [InlineData("TimeZone", "Mars/Olympus")]
    public void WrongValue_ThrowsWithTheKeysName(string key, string value)
    {
        var ex = Should.Throw<InvalidOperationException>(() => Read(new() { [key] = value }));

        ex.Message.ShouldContain($"Account 'acme' setting {key}");
    }

    private sealed class DummyBot() : EngineBot(null!)
    {
        public override string Name => "dummy";
        public override string Description => "";
        public override string DefaultLanguage => "es";
    }
}
