using Parley.Booking.Store;

namespace Parley.Booking.Recommendations;

/// <summary>
/// Rule-based recommendations, so they work offline: every active activity with a slot that has room for the party in
/// the period is scored by the guest's preferences (explicit likes weigh 3, bookings 2, questions 0.5 — see
/// <see cref="PreferenceStore"/>), by what the question named, by suitability for children and by how much room it has;
/// the ranked list (with its reasons) is the only source of what the bot says.
/// </summary>
public sealed class Recommender(ActivityCatalog activities, SlotSchedule slots, PreferenceStore preferences, TimeProvider time)
{
    /// <summary>The youngest age that counts as "children": activities with a higher minimum age are left out.</summary>
    public const int ChildAge = 6;

    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(string? phone, RecommendationQuery query, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var from = query.From is { } f && f > now ? f : now;
        var to = query.To ?? now.AddDays(7);
        var profile = phone is null ? null : await preferences.ProfileAsync(phone, ct);
        var all = await slots.BetweenAsync(from, to, ct: ct);
        var byActivity = all.Where(s => s.IsOpen && s.Available >= Math.Max(1, query.PartySize)).GroupBy(s => s.ActivityId).ToDictionary(g => g.Key, g => g.ToList());
        var wanted = query.Wanted.Select(w => w.ToLowerInvariant()).ToHashSet();

        var ranked = new List<Recommendation>();
        foreach (var activity in await activities.ListAsync(false, ct))
        {
            if (!byActivity.TryGetValue(activity.Id, out var free) || (query.WithChildren && activity.MinAge > ChildAge))
            {
                continue;
            }

            var keys = activity.TagList.Select(t => t.ToLowerInvariant()).Append(activity.Category.ToLowerInvariant()).ToHashSet();
            if (wanted.Count > 0 && !keys.Overlaps(wanted))
            {
                continue;
            }

            var reasons = new List<string>();
            var score = 0.0;
            foreach (var p in profile?.Preferences ?? [])
            {
                if (keys.Contains(p.Value))
                {
                    score += p.Weight;
                    reasons.Add(p.Explicit ? $"likes:{p.Value}" : $"history:{p.Value}");
                }
            }

            if (wanted.Count > 0)
            {
                score += 2;
                reasons.Add("asked");
            }

            if (query.WithChildren && keys.Contains("family"))
            {
                score += 1.5;
                reasons.Add("family");
            }

            // Room to choose from: a little for each free slot, up to five.
            score += Math.Min(5, free.Count) * 0.1;
            ranked.Add(new Recommendation(activity, free.Take(5).ToList(), score, reasons.Distinct().ToList()));
        }

        return ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Slots[0].StartsAt).ThenBy(r => r.Activity.Name, StringComparer.Ordinal).Take(query.Max).ToList();
    }
}
