using System.Globalization;
using StackExchange.Redis;

namespace Gateway.Bench.Escalation;

/// <summary>What Redis holds: <c>INFO memory</c>'s used_memory, and bytes by key family (<c>MEMORY USAGE</c> of every key).</summary>
internal static class RedisMemory
{
    public static async Task<long> UsedAsync(IServer server)
    {
        var info = await server.InfoAsync("memory");
        var value = info.SelectMany(g => g).First(p => p.Key == "used_memory").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Keys and bytes by family: a key with its ids replaced by *, e.g. <c>gateway:report:*</c> or <c>{gateway}:hangfire:job:*:history</c>.</summary>
    public static async Task<List<(string Family, long Keys, long Bytes)>> ByFamilyAsync(IServer server, IDatabase db)
    {
        var totals = new Dictionary<string, (long Keys, long Bytes)>(StringComparer.Ordinal);
        var batch = new List<RedisKey>(1000);
        async Task FlushAsync()
        {
            var sizes = await Task.WhenAll(batch.Select(k => db.ExecuteAsync("MEMORY", "USAGE", k, "SAMPLES", "0")));
            for (var i = 0; i < batch.Count; i++)
            {
                var family = Family(batch[i].ToString());
                var (keys, bytes) = totals.GetValueOrDefault(family);
                totals[family] = (keys + 1, bytes + (sizes[i].IsNull ? 0 : (long)sizes[i]));
            }

            batch.Clear();
        }

        await foreach (var key in server.KeysAsync(db.Database, pageSize: 1000))
        {
            batch.Add(key);
            if (batch.Count == 1000)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        return [.. totals.Select(t => (t.Key, t.Value.Keys, t.Value.Bytes)).OrderByDescending(t => t.Bytes)];
    }

    /// <summary>The average length of the reports' JSON (the <c>json</c> field of their hashes).</summary>
    public static async Task<double> ReportJsonBytesAsync(IDatabase db, IReadOnlyList<string> references)
    {
        var lengths = new List<long>(references.Count);
        foreach (var chunk in references.Chunk(1000))
        {
            lengths.AddRange(await Task.WhenAll(chunk.Select(r => db.HashStringLengthAsync($"gateway:report:{{{r}}}", "json"))));
        }

        return lengths.Count == 0 ? 0 : lengths.Average();
    }

    private static string Family(string key)
    {
        var parts = key.Split(':');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if ((part.StartsWith('{') && part != "{gateway}" && part != "{bench}") || part.Any(char.IsDigit) || part.Length > 24)
            {
                parts[i] = "*";
            }
        }

        return string.Join(':', parts);
    }
}
