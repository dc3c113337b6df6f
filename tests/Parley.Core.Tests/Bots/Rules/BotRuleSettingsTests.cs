using Parley.Core.Accounts;
using Parley.Core.Bots.Rules;

namespace Parley.Core.Tests.Bots.Rules;

public sealed class BotRuleSettingsTests
{
    private static BotRuleSettings Read(Dictionary<string, string> settings) =>
        BotRuleSettings.From(new Account("acme", "sandbox") { Settings = settings }, new BotRulesOptions());

    [Fact]
    public void Defaults_ComeFromTheOptions()
    {
        var s = Read([]);

        s.RateLimitMessages.ShouldBe(10);
        s.RateLimitWindow.ShouldBe(TimeSpan.FromSeconds(60));
        s.SessionTimeout.ShouldBe(TimeSpan.FromMinutes(30));
        s.MaxTextLength.ShouldBe(1000);
        s.OptOutWords.ShouldBe(["stop", "baja", "cancelar", "unsubscribe"]);
        s.OptInWords.ShouldBe(["start", "alta"]);
        s.AllowListEnabled.ShouldBeFalse();
        s.Language.ShouldBeNull();
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
            ["Language"] = "ES",
            ["Texts:es:opted_out"] = "Adiós",
        });

        s.AllowList.ShouldBe(["525512345678", "15550001111", "15550002222"], ignoreOrder: true);
        s.AllowListEnabled.ShouldBeTrue();
        s.BlockList.ShouldBe(["15550009999"]);
        s.RateLimitMessages.ShouldBe(5);
        s.RateLimitWindow.ShouldBe(TimeSpan.FromSeconds(90));
        s.SessionTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        s.Language.ShouldBe("es");
        s.Text(BotRuleTexts.OptedOut, "es").ShouldBe("Adiós");
    }

    [Theory]
    [InlineData("RateLimit:Messages", "many")]
    [InlineData("RateLimit:Window", "60 days")]
    [InlineData("SessionTimeout", "-00:05:00")]
    [InlineData("AllowList", "not a phone")]
    [InlineData("AllowListEnabled", "yes")]
    [InlineData("MaxTextLength", "0")]
    public void WrongValue_ThrowsWithTheKeysName(string key, string value)
    {
        var ex = Should.Throw<InvalidOperationException>(() => Read(new() { [key] = value }));

        ex.Message.ShouldContain($"Account 'acme' setting {key}");
    }
}
