using System.Diagnostics.Tracing;

namespace Gateway.Bench;

/// <summary>
/// Counts what a piece of code allocates, by type, from the runtime's own allocation samples (one event per
/// ~100 KB allocated, naming the type that crossed the mark). No tool to install: it listens in-process.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEvent = 10;

    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile bool _recording;

    private static readonly string[] StatelessNames =
    [
        "Stateless", "StateRepresentation", "TriggerBehaviour", "GuardCondition", "Transition[", "OnTransitionedEvent",
        "StateConfiguration", "TriggerWithParameters", "QueuedTrigger", "ActionBehaviour", "ActionBehavior",
    ];

    /// <summary>True for a type name that names one of Stateless's types, alone or as a type argument.</summary>
    public static bool IsStatelessType(string type) =>
        StatelessNames.Any(name => type.Contains(name, StringComparison.Ordinal));

    public void Start()
    {
        lock (_lock)
        {
            _bytes.Clear();
        }

        _recording = true;
    }

    /// <summary>Stops recording and returns the sampled bytes per type, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        _recording = false;
        lock (_lock)
        {
            return [.. _bytes.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEvent || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string : null;
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 && eventData.Payload[a] is ulong bytes
            ? (long)bytes
            : 100 * 1024;
        lock (_lock)
        {
            _bytes[type ?? "?"] = _bytes.GetValueOrDefault(type ?? "?") + amount;
        }
    }
}
