namespace Parley.Core.Contacts;

/// <summary>The per-contact switches an operator sets.</summary>
public enum ContactFlag
{
    /// <summary>Parley ignores the contact's messages and sends them nothing.</summary>
    Blocked,
    /// <summary>On an allow list (bots that serve only listed contacts check it).</summary>
    Allowed,
    /// <summary>The contact asked to receive no more messages.</summary>
    OptedOut,
}
