namespace Gateway.Core.Flows;

/// <summary>Names of the engine's state-machine triggers, cached so a turn does not build strings.</summary>
public static class TriggerNames
{
    public const string Text = "text";
    public const string Continue = "continue";

    /// <summary>The move a state's <c>if_known:</c> makes when the session already knows the fact.</summary>
    public const string Known = "known";

    private static readonly string[] OptionNames = [.. Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string Option(int key) =>
        key >= 0 && key < OptionNames.Length ? OptionNames[key] : key.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
