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

        s.RateLimitMessages.ShouldBe(10);
        s.RateLimitWindow.ShouldBe(TimeSpan.FromSeconds(60));
        s.SessionTimeout.ShouldBe(TimeSpan.FromMinutes(30));
        s.OptOutWords.ShouldBe(["stop", "baja", "cancelar", "unsubscribe"]);
        s.OptInWords.ShouldBe(["start", "alta"]);
        s.Language.ShouldBe("es");
        s.AllowListEnabled.ShouldBeFalse();
    }

    [Fact]
    public void Settings_OverrideTheDefaults()
    {
        var s = Read(new()
        {
            ["AllowList"] = "+52 55 1234 5678; 15550001111",
            ["AllowList:0"] = "+15550002222",
            ["blocklist"] = "+15550009999",
            ["RateLimit:Messages"] = "5",
            ["RateLimit:Window"] = "90",
            ["SessionTimeout"] = "00:10:00",
            ["Language"] = "EN",
            ["AlwaysUseTemplates"] = "true",
            ["IntentThreshold"] = "0.8",
            ["TimeZone"] = "America/Bogota",
        });

        s.AllowList.ShouldBe(["525512345678", "15550001111", "15550002222"], ignoreOrder: true);
        s.AllowListEnabled.ShouldBeTrue();
        s.BlockList.ShouldBe(["15550009999"]);
        s.RateLimitMessages.ShouldBe(5);
        s.RateLimitWindow.ShouldBe(TimeSpan.FromSeconds(90));
        s.SessionTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        s.Language.ShouldBe("en");
        s.AlwaysUseTemplates.ShouldBeTrue();
        s.IntentThreshold.ShouldBe(0.8);
        s.TimeZone.Id.ShouldBe("America/Bogota");
    }

    [Theory]
    [InlineData("RateLimit:Messages", "many")]
    [InlineData("RateLimit:Window", "60 days")]
    [InlineData("SessionTimeout", "-00:05:00")]
    [InlineData("AllowList", "not a phone")]
    [InlineData("IntentThreshold", "1.5")]
    [InlineData("AlwaysUseTemplates", "yes")]
    [InlineData("TimeZone", "Mars/Olympus")]
    [InlineData("MaxTextLength", "0")]
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
