using System.ClientModel;
using Anthropic.Exceptions;
using Microsoft.Extensions.Logging;

namespace Parley.Ai.Chat;

/// <summary>
/// Runs one provider call with a timeout per attempt and retries for timeouts, 429 (after its Retry-After when
/// given) and 5xx, with exponential backoff and jitter, inside a total budget that keeps the conversation's
/// 30 s lease in the core from running out. Never throws for provider errors: the caller gets the failure.
/// </summary>
public sealed class AiCaller(TimeProvider time, ILogger<AiCaller> logger)
{
    /// <summary>Total time for all attempts; above a single long timeout it grows to allow that one attempt.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(25);

    /// <summary>The first backoff; doubled for each further attempt.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(400);

    public async Task<AiCallResult<T>> CallAsync<T>(AiSettings settings, string what, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var budget = settings.Timeout > Budget ? settings.Timeout : Budget;
        AiFailure? failure = null;
        var attempt = 0;
        while (attempt < settings.MaxAttempts)
        {
            attempt++;
            using var timeout = new CancellationTokenSource(settings.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                var value = await call(linked.Token);
                return new AiCallResult<T>(value, null, attempt, time.GetElapsedTime(started));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failure = Classify(ex, timeout.IsCancellationRequested, time.GetUtcNow());
                logger.LogWarning("AI {What} with {Provider} {Model} failed on attempt {Attempt} of {Max}: {Failure}",
                    what, settings.Provider, settings.Model, attempt, settings.MaxAttempts, failure);
            }

            if (!failure.Transient || attempt >= settings.MaxAttempts)
            {
                break;
            }

            var delay = failure.RetryAfter ?? Backoff(attempt);
            // Do not start an attempt that could not finish inside the budget: answer with an apology instead.
            if (time.GetElapsedTime(started) + delay + TimeSpan.FromMilliseconds(Math.Min(settings.Timeout.TotalMilliseconds, 1000)) > budget)
            {
                break;
            }

            await Task.Delay(delay, time, ct);
        }

        return new AiCallResult<T>(default, failure, attempt, time.GetElapsedTime(started));
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4)));

    /// <summary>Maps the SDKs' exceptions to one vocabulary.</summary>
    public static AiFailure Classify(Exception ex, bool timedOut, DateTimeOffset now)
    {
        if (timedOut || ex is TimeoutException || ex.InnerException is TimeoutException)
        {
            return new AiFailure(AiFailureKind.Timeout, "the provider did not answer in time");
        }

        switch (ex)
        {
            case ClientResultException oa:
                return FromStatus(oa.Status, FirstLine(oa.Message), RetryAfter(oa, now));
            case AnthropicApiException an:
                return FromStatus((int)an.StatusCode, an.ApiMessage ?? $"HTTP {(int)an.StatusCode}", null);
            case AnthropicIOException or HttpRequestException or IOException:
                return new AiFailure(AiFailureKind.Network, FirstLine(ex.Message));
            case OperationCanceledException:
                return new AiFailure(AiFailureKind.Timeout, "the request was cancelled");
            default:
                return new AiFailure(AiFailureKind.Unknown, $"{ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
    }

    private static AiFailure FromStatus(int status, string message, TimeSpan? retryAfter)
    {
        var kind = status switch
        {
            0 => AiFailureKind.Network,
            429 => AiFailureKind.RateLimited,
            408 or 409 or >= 500 => AiFailureKind.ServerError,
            401 or 403 => AiFailureKind.Unauthorized,
            _ => AiFailureKind.BadRequest,
        };
        return new AiFailure(kind, message) { Status = status == 0 ? null : status, RetryAfter = retryAfter };
    }

    private static TimeSpan? RetryAfter(ClientResultException ex, DateTimeOffset now)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null || !headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60));
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromSeconds(Math.Clamp((at - now).TotalSeconds, 0, 60))
            : null;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
