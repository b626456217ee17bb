using Gateway.Core.Cases;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows;

/// <summary>
/// Decides, when a text is sent, whether what it promises will really happen (see <see cref="Localization.TextEntry"/>'s
/// <c>promise:</c>): someone can be paged, or an NGO speaking the person's language can, for their country and
/// language, for the category they chose (every category while they have not chosen one) at <see cref="Now"/>.
/// </summary>
/// <param name="CanReach">What the host can reach (a configured webhook); null: <see cref="EscalationTarget.IsReachable"/>.</param>
/// <param name="Now">When the text is sent, for opening hours.</param>
public sealed record PromiseCheck(Func<EscalationTarget, bool>? CanReach, DateTimeOffset Now)
{
    public bool Keeps(string promise, FlowBundle bundle, Session session)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(session);
        var category = session.Variables.GetValueOrDefault("category") is { Length: > 0 } chosen ? chosen : null;
        return PagingOutlook.Keeps(promise, bundle.Escalation, session.Country, category, session.Language, Now, CanReach, out _);
    }
}
