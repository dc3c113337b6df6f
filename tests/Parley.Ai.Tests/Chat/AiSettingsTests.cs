using Microsoft.Extensions.Configuration;
using Parley.Ai.Chat;
using Parley.Core.Accounts;

namespace Parley.Ai.Tests.Chat;

public sealed class AiSettingsTests
{
    [Fact]
    public void For_AccountOverrides_WinOverTheGlobalSettings()
    {
        var global = new AiOptions { Provider = "openai", ApiKey = "sk-global", Model = "gpt-4o-mini", MaxTokens = 1000 };
        var account = new Account("shop", "meta")
        {
            Settings = new Dictionary<string, string> { ["Ai:Model"] = "gpt-4o", ["ai:maxtokens"] = "300", ["Ai:BurstDelay"] = "00:00:01" },
            Secrets = new Dictionary<string, string> { ["Ai:ApiKey"] = "sk-shop" },
        };

        var settings = AiSettings.For(global, account);

        settings.Provider.ShouldBe("openai");
        settings.Model.ShouldBe("gpt-4o");
        settings.ApiKey.ShouldBe("sk-shop");
        settings.MaxTokens.ShouldBe(300);
        settings.BurstDelay.ShouldBe(TimeSpan.FromSeconds(1));
        settings.EffectiveEmbeddingModel.ShouldBe("text-embedding-3-small");
        settings.EffectiveTranscriptionModel.ShouldBe("whisper-1");
    }

    [Fact]
    public void For_AnAccountOnAnotherProvider_DoesNotInheritTheGlobalKey()
    {
        var global = new AiOptions { Provider = "openai", ApiKey = "sk-openai", Model = "gpt-4o-mini", BaseUrl = "https://proxy.example/v1" };
        var account = new Account("a", "sandbox") { Settings = new Dictionary<string, string> { ["Ai:Provider"] = "anthropic" } };

        var settings = AiSettings.For(global, account);

        settings.ApiKey.ShouldBeNull();
        settings.BaseUrl.ShouldBeNull();
        settings.Model.ShouldBeNull();
        settings.Problems("Parley:Accounts:0:Ai").ShouldContain(p => p.StartsWith("Parley:Accounts:0:Ai:ApiKey is required", StringComparison.Ordinal));
    }

    [Fact]
    public void For_AnUnparsableValue_NamesTheKey()
    {
        var account = new Account("a", "sandbox") { Settings = new Dictionary<string, string> { ["Ai:Temperature"] = "warm" } };

        Should.Throw<FormatException>(() => AiSettings.For(new AiOptions(), account, "Parley:Accounts:3:Ai")).Message
            .ShouldBe("Parley:Accounts:3:Ai:Temperature must be a number like 0.7, but it is 'warm'.");
    }

    [Theory]
    [InlineData("Provider", "gpt", "Parley:Ai:Provider must be one of")]
    [InlineData("Temperature", "3", "Parley:Ai:Temperature must be between 0 and 2")]
    [InlineData("BurstDelay", "00:00:45", "Parley:Ai:BurstDelay must be between")]
    [InlineData("BaseUrl", "localhost:11434", "Parley:Ai:BaseUrl must be an absolute http(s) URL")]
    public void Validator_NamesTheKey(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Parley:Ai:{key}"] = value }).Build();
        var options = configuration.GetSection(AiOptions.SectionName).Get<AiOptions>() ?? new AiOptions();

        var result = new AiOptionsValidator(configuration).Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldContain(f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_ChecksAccountOverridesToo()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Parley:Accounts:0:Id"] = "shop",
            ["Parley:Accounts:0:Ai:Provider"] = "openai-compatible",
            ["Parley:Accounts:0:Ai:Model"] = "llama3.2",
        }).Build();

        var result = new AiOptionsValidator(configuration).Validate(null, new AiOptions());

        result.Failures.ShouldHaveSingleItem().ShouldStartWith("Parley:Accounts:0:Ai:BaseUrl is required when Parley:Accounts:0:Ai:Provider is 'openai-compatible'");
    }

    [Fact]
    public void Validator_AcceptsTheOfflineDefault()
    {
        new AiOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, new AiOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        new AiSettings { Provider = "openai", ApiKey = "sk-secret", Model = "m" }.ToString().ShouldNotContain("sk-secret");
    }
}
