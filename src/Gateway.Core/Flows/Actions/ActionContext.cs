using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>What an action may read and change during one turn.</summary>
public sealed class ActionContext
{
    public required FlowBundle Bundle { get; init; }

    /// <summary>The turn's own copy of the session.</summary>
    public required Session Session { get; init; }

    public required Channel Channel { get; init; }

    public required List<FlowEvent> Events { get; init; }

    /// <summary>Texts the action adds to the reply, after the state's own texts.</summary>
    public required List<string> Texts { get; init; }

    /// <summary>The argument of the keyword that ran the action (the 30 of GO 30), if any.</summary>
    public string? KeywordArgument { get; init; }

    /// <summary>Set by an action that ends the conversation.</summary>
    public bool Ended { get; set; }

    /// <summary>Where texts borrowed from another language are recorded (see <see cref="BorrowedText"/>).</summary>
    public List<BorrowedText> Borrowed { get; init; } = [];

    /// <summary>On voice: where every text said is recorded by its words (see <see cref="SaidText"/>).</summary>
    public Dictionary<string, SaidText>? Said { get; init; }

    /// <summary>When the turn happens, for actions that depend on opening hours.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>
    /// Session variables a keyword's action keeps for the state the keyword goes to, although a keyword that goes
    /// somewhere starts afresh: after SOS, the category and whether the person agreed to be contacted, so that they
    /// are told truly who will be told and whether anyone can reach them back.
    /// </summary>
    public Dictionary<string, string> Carry { get; init; } = new(StringComparer.Ordinal);

    /// <summary>What the host can reach (see <see cref="EngineOptions.CanReach"/>).</summary>
    public Func<Cases.EscalationTarget, bool>? CanReach { get; init; }

    /// <summary>A text in the person's language and for their country, as the engine would say it.</summary>
    public string Say(string key) => SpokenText.Say(Bundle, key, Session, Channel, Borrowed, Said, new PromiseCheck(CanReach, Now));

    /// <summary>
    /// An argument's value with session variables filled in: <c>"{category}"</c> becomes the chosen category.
    /// </summary>
    /// <summary>true, yes and on (any case) read as true, as YAML editors write them.</summary>
    public static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || value.Equals("on", StringComparison.OrdinalIgnoreCase));

    public string? Resolve(string? value)
    {
        if (value is null || value.Length < 3 || value[0] != '{' || value[^1] != '}')
        {
            return value;
        }

        return Session.Variables.GetValueOrDefault(value[1..^1]);
    }
}
