namespace Gateway.Core.Flows;

/// <summary>
/// A numbered answer of a state. Numbers run 1, 2, 3 … without gaps; 0 is kept for "more".
/// </summary>
public sealed class OptionDefinition
{
    public required int Key { get; init; }

    public required TextRef Text { get; init; }

    public required StateTarget Go { get; init; }

    /// <summary>Session variables set when the option is chosen, e.g. <c>category: labour</c>.</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>Words accepted for this option besides its number, per language (never a reserved word).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LocatedWord>> Also { get; init; } = new Dictionary<string, IReadOnlyList<LocatedWord>>();

    public IReadOnlyList<ActionDefinition> Actions { get; init; } = [];

    public required SourceLocation Location { get; init; }

    public SourceLocation KeyLocation { get; init; }

    /// <summary>The trigger name used in the state machine: the option's number as text.</summary>
    public string Trigger => TriggerNames.Option(Key);
}

/// <summary>A word as written in a data file.</summary>
public sealed record LocatedWord(string Text, SourceLocation Location);

/// <summary>Free-text answer: whatever the person writes is kept in a session variable.</summary>
public sealed class InputDefinition
{
    public required string SaveAs { get; init; }

    public required StateTarget Go { get; init; }

    public required SourceLocation Location { get; init; }
}
