namespace Gateway.Core.Flows;

/// <summary>
/// Where something was written in a data file, so that an NGO editor can be sent to the exact spot.
/// Lines and columns count from 1, as editors show them.
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new(string.Empty, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
