using System.Collections.Concurrent;
using Gateway.Web.Messaging;

namespace Gateway.Web.Tests.Channels;

/// <summary>Keeps every turn the gateway reports (<see cref="ITurnObserver"/>), for a test to take the ones a step made.</summary>
public sealed class TurnJournal : ITurnObserver
{
    private readonly ConcurrentQueue<TurnRecord> _turns = new();

    public void OnTurn(TurnRecord turn) => _turns.Enqueue(turn);

    /// <summary>The turns reported since the last call, in order.</summary>
    public IReadOnlyList<TurnRecord> Take()
    {
        var taken = new List<TurnRecord>();
        while (_turns.TryDequeue(out var turn))
        {
            taken.Add(turn);
        }

        return taken;
    }
}
