using System.Globalization;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Bench.Http;

/// <summary>
/// What the servers ask of Redis. <see cref="StatsAsync"/> reads INFO's total_commands_processed, which counts the
/// commands a Lua script runs as well as the script itself, and total_reads_processed, the times Redis read from a
/// client's socket: with one request at a time, that is the round trips (commands sent together are read at
/// once). <see cref="MonitorAsync"/> watches MONITOR while requests run and counts what the clients sent, by
/// command name (the commands a script runs show as coming from "lua" and are left out).
/// </summary>
internal sealed class RedisCounters(string endpoint, ConnectionMultiplexer redis)
{
    public static async Task<RedisCounters> ConnectAsync(string endpoint) =>
        new(endpoint, await ConnectionMultiplexer.ConnectAsync($"{endpoint},allowAdmin=true"));

    public IDatabase Database => redis.GetDatabase();

    /// <summary>Commands processed (a script's own commands included) and read events on client sockets, so far.</summary>
    public async Task<RedisStats> StatsAsync()
    {
        var info = await redis.GetServer(endpoint).InfoRawAsync("stats") ?? string.Empty;
        return new RedisStats(Stat(info, "total_commands_processed"), Stat(info, "total_reads_processed"));
    }

    private static long Stat(string info, string name)
    {
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(name.Length + 1).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"INFO stats has no {name}.");
    }

    /// <summary>Counts, by command, what clients sent Redis while <paramref name="action"/> ran.</summary>
    public async Task<(Dictionary<string, long> Commands, TimeSpan Elapsed)> MonitorAsync(Func<Task> action)
    {
        var (host, port) = Split(endpoint);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port);
        var stream = client.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (await reader.ReadLineAsync() != "+OK")
        {
            throw new InvalidOperationException("Redis refused MONITOR.");
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (Command(line) is { } command)
                    {
                        counts[command] = counts.GetValueOrDefault(command) + 1;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Stopped.
            }
        });

        var started = DateTime.UtcNow;
        await action();
        var elapsed = DateTime.UtcNow - started;

        // Let the last lines arrive, then stop reading.
        await Task.Delay(200);
        await stop.CancelAsync();
        client.Close();
        await reading;
        return (counts, elapsed);
    }

    /// <summary>The command of a MONITOR line sent by a client, or null for one a script ran.</summary>
    internal static string? Command(string line)
    {
        // +1700000000.123456 [0 127.0.0.1:54321] "SET" "key" "value"   (a script's: [0 lua])
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : line.IndexOf(']', open);
        if (close < 0 || line.AsSpan(open, close - open).EndsWith(" lua", StringComparison.Ordinal))
        {
            return null;
        }

        var quote = line.IndexOf('"', close);
        var end = quote < 0 ? -1 : line.IndexOf('"', quote + 1);
        return end < 0 ? null : line[(quote + 1)..end].ToUpperInvariant();
    }

    private static (string Host, int Port) Split(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        return (hostAndPort[..colon], int.Parse(hostAndPort.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}

/// <summary>Counters from INFO stats.</summary>
internal readonly record struct RedisStats(long Commands, long Reads)
{
    public static RedisStats operator -(RedisStats a, RedisStats b) => new(a.Commands - b.Commands, a.Reads - b.Reads);
}
