namespace Gateway.Core.Sessions;

/// <summary>The outcome of claiming a provider's message id.</summary>
public enum DedupeClaim
{
    /// <summary>First time seen: handle it and store the reply.</summary>
    New,

    /// <summary>Seen and answered: send the stored reply again.</summary>
    Answered,

    /// <summary>Seen, still being handled by another request.</summary>
    InProgress,
}

/// <summary>
/// Provider message ids seen recently (at least 48 hours: providers retry webhooks), with the reply given, so a
/// retried webhook gets the same answer and never runs the flow twice.
/// </summary>
public interface IMessageDedupe
{
    Task<(DedupeClaim Claim, string? Reply)> ClaimAsync(string providerMessageId, TimeSpan window, CancellationToken cancellationToken = default);

    Task CompleteAsync(string providerMessageId, string reply, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Forgets a claim whose handling failed, so the provider's retry is handled afresh.</summary>
    Task ReleaseAsync(string providerMessageId, CancellationToken cancellationToken = default);
}
