using Gateway.Core.Outbound;

namespace Gateway.Web.Outbound;

/// <summary>
/// Told when a message with a <see cref="OutboundMessage.Correlation"/> failed for good (refused, failed or
/// undelivered), e.g. so that an escalation chain moves on at once when a page did not arrive.
/// </summary>
public interface IOutboundFailureListener
{
    Task OnFailedAsync(OutboundMessage message, CancellationToken cancellationToken);
}
