using System.Text.Json;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Messaging;

/// <summary>A message kept while the store could not be reached, with the time it arrived.</summary>
public sealed record JournalEntry(string Id, InboundMessage Message, DateTimeOffset ReceivedAt);

/// <summary>
/// An append-only file of messages that arrived while Redis could not be reached. Each line is one entry sealed
/// with the data key (AES-GCM): numbers and texts are never on disk in clear. Lines are flushed to disk before
/// the person is answered. The replayer takes the file over by renaming it, so new messages go to a fresh file.
/// </summary>
public sealed partial class InboundJournal
{
    private const string Current = "inbound.journal";
    private const string Replaying = "inbound.replaying";

    private readonly DataKey _key;
    private readonly ILogger<InboundJournal> _logger;
    private readonly Lock _write = new();

    public InboundJournal(IOptions<GatewayOptions> options, IHostEnvironment environment, DataKey key, ILogger<InboundJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _key = key;
        _logger = logger;
        Folder = options.Value.JournalPath ?? Path.Combine(environment.ContentRootPath, "data", "journal");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public void Append(InboundMessage message, DateTimeOffset receivedAt)
    {
        var entry = new JournalEntry(Guid.NewGuid().ToString("N"), message, receivedAt);
        var line = _key.Seal(JsonSerializer.Serialize(entry)) + "\n";
        lock (_write)
        {
            using var file = new FileStream(Path.Combine(Folder, Current), FileMode.Append, FileAccess.Write, FileShare.Read);
            var bytes = System.Text.Encoding.ASCII.GetBytes(line);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>True when entries wait to be replayed.</summary>
    public bool HasEntries =>
        File.Exists(Path.Combine(Folder, Replaying)) || (File.Exists(Path.Combine(Folder, Current)) && new FileInfo(Path.Combine(Folder, Current)).Length > 0);

    /// <summary>
    /// Takes the current file for replay (or the one a replay that stopped midway left) and returns its entries.
    /// Call <see cref="Completed"/> once every entry is handled.
    /// </summary>
    public IReadOnlyList<JournalEntry> TakeForReplay()
    {
        var replaying = Path.Combine(Folder, Replaying);
        lock (_write)
        {
            if (!File.Exists(replaying) && File.Exists(Path.Combine(Folder, Current)))
            {
                File.Move(Path.Combine(Folder, Current), replaying);
            }
        }

        if (!File.Exists(replaying))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadLines(replaying).Where(l => l.Length > 0))
        {
            try
            {
                entries.Add(JsonSerializer.Deserialize<JournalEntry>(_key.Open(line))!);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or JsonException)
            {
                // A line written with another data key, or cut by a crash while it was written.
                LogUnreadable(_logger, e.GetType().Name);
            }
        }

        return entries;
    }

    public void Completed() => File.Delete(Path.Combine(Folder, Replaying));

    [LoggerMessage(Level = LogLevel.Error, Message = "A journal line could not be read ({Problem}) and is skipped")]
    private static partial void LogUnreadable(ILogger logger, string problem);
}
