using System.ComponentModel.DataAnnotations;

namespace Parley.Channels.Meta;

/// <summary>Settings shared by every Meta account; per-account settings live under <c>Parley:Accounts:{n}</c>.</summary>
public sealed class MetaOptions
{
    public const string SectionName = "Parley:Meta";

    /// <summary>The Graph API base used when an account sets no <c>ApiBaseUrl</c>.</summary>
    public const string DefaultApiBaseUrl = "https://graph.facebook.com/v23.0";

    /// <summary>How often the approved templates of accounts with a <c>BusinessAccountId</c> are fetched; <c>00:00:00</c> turns the periodic sync off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Parley:Meta:TemplateSyncInterval must be between 00:00:00 (off) and 7.00:00:00.")]
    public TimeSpan TemplateSyncInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Longest wait for one Graph API call (a send, a media URL); a timed-out send is retried by the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Parley:Meta:HttpTimeout must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Marks each inbound message read, with the typing indicator, when a bot starts working on it.</summary>
    public bool AutoMarkRead { get; set; } = true;
}
