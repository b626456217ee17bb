using Gateway.Core.Outbound;

namespace Gateway.Web.Outbound;

/// <summary>
/// Told when a message with a <see cref="OutboundMessage.Correlation"/> was taken by the provider on a repeated
/// attempt that may duplicate an earlier one (<see cref="OutboundMessage.PossibleDuplicate"/>), e.g. so that a
/// report's timeline shows the page's second copy.
/// </summary>
public interface IOutboundRepeatListener
{
    Task OnSentAgainAsync(OutboundMessage message, CancellationToken cancellationToken);
}
