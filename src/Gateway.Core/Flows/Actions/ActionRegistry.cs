namespace Gateway.Core.Flows.Actions;

/// <summary>Every action type the flow format knows, by the name flow files use.</summary>
public static class ActionRegistry
{
    private static readonly Dictionary<string, IFlowAction> Actions = new IFlowAction[]
    {
        new OpenReportAction(),
        new AskProvinceAction(),
        new StartCheckInAction(),
        new CancelCheckInAction(),
        new SetLanguageAction(),
        new SetCountryAction(),
        new SetDiscreetAction(),
        new SendContactsAction(),
        new ConnectCallAction(),
        new EndAction(),
        new TellRecipientsAction(),
        new LimitReportAction(),
    }.ToDictionary(a => a.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<IFlowAction> All => Actions.Values;

    public static IFlowAction? Find(string type) => Actions.GetValueOrDefault(type);
}
