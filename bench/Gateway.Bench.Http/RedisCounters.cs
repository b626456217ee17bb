using System.Globalization;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Bench.Http;

/// <summary>
/// What the servers ask of Redis. <see cref="CommandsProcessedAsync"/> reads INFO's total_commands_processed, which
/// counts the commands a Lua script runs as well as the script itself. <see cref="MonitorAsync"/> watches MONITOR
/// while some requests run and counts only what the clients sent (a script is one round trip; the commands it
/// runs show as coming from "lua" and are left out), by command name.
/// </summary>
internal sealed class RedisCounters(string endpoint, ConnectionMultiplexer redis)
{
    public static async Task<RedisCounters> ConnectAsync(string endpoint) =>
        new(endpoint, await ConnectionMultiplexer.ConnectAsync($"{endpoint},allowAdmin=true"));

    public IDatabase Database => redis.GetDatabase();

    public async Task<long> CommandsProcessedAsync()
    {
        var info = await redis.GetServer(endpoint).InfoRawAsync("stats") ?? string.Empty;
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith("total_commands_processed:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan("total_commands_processed:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("INFO stats has no total_commands_processed.");
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
