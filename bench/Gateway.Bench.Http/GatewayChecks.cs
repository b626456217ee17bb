using System.Globalization;
using StackExchange.Redis;

namespace Gateway.Bench.Http;

/// <summary>
/// After the load: proof that the gateway ran the flows rather than answering something quickly. Its own
/// counters (/metrics) must show no failed message (a store it could not reach answers with the hotline, which is
/// TwiML too), no refused webhook and no duplicate; and it must hold one report for every journey that sent its
/// report message, which only sessions that moved through every step produce.
/// </summary>
internal static class GatewayChecks
{
    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient client, Uri gateway, string metricsKey, IDatabase redis, long reportsExpected)
    {
        var problems = new List<string>();
        using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "/metrics"));
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", metricsKey);
        using var answer = await client.SendAsync(scrape);
        answer.EnsureSuccessStatusCode();
        var metrics = await answer.Content.ReadAsStringAsync();
        foreach (var counter in new[] { "gateway_messages_failed", "gateway_webhooks_rejected", "gateway_messages_duplicate" })
        {
            var total = Sum(metrics, counter);
            if (total > 0)
            {
                problems.Add($"{counter} is {total:N0} on /metrics.");
            }
        }

        var reports = await redis.SortedSetLengthAsync("gateway:reports:opened");
        if (reports != reportsExpected)
        {
            problems.Add($"{reports:N0} reports are stored, but {reportsExpected:N0} journeys reached their report message: sessions did not move through the flows as expected.");
        }

        return problems;
    }

    /// <summary>The sum of a Prometheus counter's series (any suffix such as _total, any labels).</summary>
    internal static double Sum(string exposition, string name)
    {
        var total = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }

            var afterLabels = line.LastIndexOf('}') is var close and >= 0 ? line[(close + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
            var value = afterLabels.Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                total += number;
            }
        }

        return total;
    }
}
