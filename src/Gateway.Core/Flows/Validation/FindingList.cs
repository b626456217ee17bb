namespace Gateway.Core.Flows.Validation;

/// <summary>Collects findings while files are read and checked.</summary>
public sealed class FindingList
{
    private readonly List<Finding> _items = [];

    public IReadOnlyList<Finding> Items => _items;

    public bool HasErrors => _items.Exists(f => f.IsError);

    public void Error(string rule, SourceLocation at, string message) => _items.Add(new(Severity.Error, at, message, rule));

    public void Warning(string rule, SourceLocation at, string message) => _items.Add(new(Severity.Warning, at, message, rule));

    public void AddRange(IEnumerable<Finding> findings) => _items.AddRange(findings);

    /// <summary>Findings in file, line and column order: the order an editor reads them.</summary>
    public IReadOnlyList<Finding> Sorted() =>
        [.. _items.OrderBy(f => f.Location.File, StringComparer.Ordinal)
            .ThenBy(f => f.Location.Line)
            .ThenBy(f => f.Location.Column)];
}
