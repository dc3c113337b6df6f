using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Identity.Codes;

/// <summary>How a code will reach a number: through which account, as what (the code masked), text or template.</summary>
public sealed record DeliveryPlan(Account Account, MessageContent Content, string Delivery);
