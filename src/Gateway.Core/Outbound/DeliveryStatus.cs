namespace Gateway.Core.Outbound;

/// <summary>
/// Twilio's message statuses and the order they move in. Status callbacks arrive late, twice or out of order; a
/// message only ever moves forward, so a late "sent" after "delivered" changes nothing, and failed, undelivered
/// and canceled are final.
/// </summary>
/// <example><c>DeliveryStatus.Advance("delivered", "sent")</c> is "delivered"; <c>Advance("sent", "undelivered")</c> is "undelivered".</example>
public static class DeliveryStatus
{
    public const string Delivered = "delivered";
    public const string Read = "read";

    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        ["accepted"] = 1,
        ["scheduled"] = 2,
        ["queued"] = 3,
        ["sending"] = 4,
        ["sent"] = 5,
        ["receiving"] = 5,
        ["received"] = 5,
        ["partially_delivered"] = 6,
        [Delivered] = 7,
        [Read] = 8,
        ["failed"] = 9,
        ["undelivered"] = 9,
        ["canceled"] = 9,
    };

    /// <summary>Every status Twilio reports for a message.</summary>
    public static IReadOnlyCollection<string> All => Ranks.Keys;

    public static bool IsKnown(string? status) => status is not null && Ranks.ContainsKey(status);

    /// <summary>The message did not reach the person and never will.</summary>
    public static bool IsFailure(string? status) => status is "failed" or "undelivered" or "canceled";

    /// <summary>Nothing but "read" after "delivered" may follow.</summary>
    public static bool IsFinal(string? status) => IsFailure(status) || status is Delivered or Read;

    /// <summary>The status to keep when <paramref name="incoming"/> arrives while <paramref name="current"/> is stored.</summary>
    public static string? Advance(string? current, string incoming)
    {
        if (!IsKnown(incoming))
        {
            return current;
        }

        if (current is null || !IsKnown(current))
        {
            return incoming;
        }

        if (IsFailure(current))
        {
            return current;
        }

        if (current == Delivered)
        {
            return incoming == Read ? Read : current;
        }

        if (current == Read)
        {
            return current;
        }

        return Ranks[incoming] > Ranks[current] ? incoming : current;
    }
}
