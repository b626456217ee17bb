namespace Gateway.Core.Flows.Validation;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>
/// One thing the validator found, written for the person who edits the files:
/// <c>flows/main.yaml:12:9: error: option 3 goes to "wages", but there is no state with that name.</c>
/// </summary>
public sealed record Finding(Severity Severity, SourceLocation Location, string Message, string Rule)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        $"{Location}: {(IsError ? "error" : "warning")}: {Message}";
}
