using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Flows.Actions;

/// <summary>Checks shared by several actions.</summary>
internal static class ActionChecks
{
    /// <summary>Reports arguments the action does not take.</summary>
    public static void OnlyKnownArguments(IFlowAction type, ActionDefinition action, FindingList findings)
    {
        foreach (var (name, word) in action.Args)
        {
            if (!type.Arguments.Contains(name))
            {
                var allowed = type.Arguments.Count == 0
                    ? "it takes none; write \"- " + type.Type + "\""
                    : "it takes " + string.Join(", ", type.Arguments.Where(a => a != "value"));
                findings.Error("action.argument", word.Location, $"{type.Type} has no argument \"{name}\"; {allowed}.");
            }
        }
    }

    public static bool IsVariable(string value) => value.Length > 2 && value[0] == '{' && value[^1] == '}';
}
