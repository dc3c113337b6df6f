using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Ai.Chat;
using Parley.Testing.Fakes;

namespace Parley.Ai.Tests.Chat;

/// <summary>Retries, backoff and timeouts of provider calls, against the fake servers' programmed failures.</summary>
public sealed class AiCallerTests
{
    private readonly AiCaller _caller = new(TimeProvider.System, NullLogger<AiCaller>.Instance);

    [Fact]
    public async Task RateLimited_IsRetriedAfterRetryAfter_ThenSucceeds()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Fail(new FakeFailure.RateLimited(RetryAfterSeconds: 1));
        var (settings, chat) = Chat(fake);

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Succeeded.ShouldBeTrue();
        result.Attempts.ShouldBe(2);
        result.Value!.Text.ShouldBe("Fake answer to: hi");
        fake.ChatRequests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedUpToMaxAttempts_ThenReported()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Fail(new FakeFailure.ServerError(), new FakeFailure.ServerError(502), new FakeFailure.ServerError(503));
        var (settings, chat) = Chat(fake);

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Succeeded.ShouldBeFalse();
        result.Attempts.ShouldBe(3);
        result.Failure!.Kind.ShouldBe(AiFailureKind.ServerError);
        result.Failure.Status.ShouldBe(503);
    }

    [Fact]
    public async Task SlowAnswers_TimeOut_AndAreRetried()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        fake.Fail(new FakeFailure.Slow(TimeSpan.FromSeconds(10)));
        var (settings, chat) = Chat(fake, TimeSpan.FromMilliseconds(500));

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Succeeded.ShouldBeTrue();
        result.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task SlowAnswers_EveryTime_GiveATimeoutFailure()
    {
        await using var fake = await FakeAnthropic.StartAsync();
        fake.Fail(new FakeFailure.Slow(TimeSpan.FromSeconds(10)), new FakeFailure.Slow(TimeSpan.FromSeconds(10)));
        using var clients = new AiClients();
        var settings = new AiSettings { Provider = AiProviders.Anthropic, ApiKey = "k", Model = "claude", BaseUrl = fake.BaseUrl, Timeout = TimeSpan.FromMilliseconds(500), MaxAttempts = 2 };
        var chat = clients.Chat(settings)!;

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Failure!.Kind.ShouldBe(AiFailureKind.Timeout);
        result.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task WrongKey_IsNotRetried()
    {
        await using var fake = await FakeOpenAi.StartAsync(requiredKey: "right");
        using var clients = new AiClients();
        var settings = new AiSettings { Provider = AiProviders.OpenAi, ApiKey = "wrong", Model = "m", BaseUrl = fake.BaseUrl };
        var chat = clients.Chat(settings)!;

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Failure!.Kind.ShouldBe(AiFailureKind.Unauthorized);
        result.Failure.Status.ShouldBe(401);
        result.Attempts.ShouldBe(1);
        result.Failure.ToString().ShouldNotContain("wrong");
    }

    [Fact]
    public async Task AnthropicOverloaded_IsRetried()
    {
        await using var fake = await FakeAnthropic.StartAsync();
        fake.Fail(new FakeFailure.ServerError(529), new FakeFailure.RateLimited());
        using var clients = new AiClients();
        var settings = new AiSettings { Provider = AiProviders.Anthropic, ApiKey = "k", Model = "claude", BaseUrl = fake.BaseUrl };
        var chat = clients.Chat(settings)!;

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Succeeded.ShouldBeTrue();
        result.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task NothingListening_IsANetworkFailure()
    {
        using var clients = new AiClients();
        var settings = new AiSettings { Provider = AiProviders.OpenAiCompatible, Model = "m", BaseUrl = "http://127.0.0.1:9/v1", MaxAttempts = 1 };
        var chat = clients.Chat(settings)!;

        var result = await _caller.CallAsync(settings, "test", c => chat.GetResponseAsync("hi", cancellationToken: c), CancellationToken.None);

        result.Failure!.Kind.ShouldBe(AiFailureKind.Network);
    }

    private static (AiSettings, IChatClient) Chat(FakeOpenAi fake, TimeSpan? timeout = null)
    {
        var clients = new AiClients();
        var settings = new AiSettings { Provider = AiProviders.OpenAiCompatible, Model = "m", BaseUrl = fake.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        return (settings, clients.Chat(settings)!);
    }
}
