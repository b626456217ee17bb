namespace Gateway.Core.CheckIns;

/// <summary>
/// Keeps check-in records (<see cref="CheckInRecord"/>), and which person invited a number to be their buddy so
/// that the invitee's numbered reply finds the invitation. The in-memory and Redis stores pass one contract suite.
/// </summary>
public interface ICheckInStore
{
    Task<CheckInRecord?> FindAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a record with no lost update between processes: <paramref name="change"/> gets the stored record (null
    /// when there is none) and returns the new one, or null to leave it. It may run more than once and must have no
    /// side effects. The record is kept for <paramref name="retention"/> after this change.
    /// Returns the record as stored afterwards and whether it changed.
    /// </summary>
    Task<(CheckInRecord? Record, bool Changed)> UpdateAsync(string contactId, Func<CheckInRecord?, CheckInRecord?> change, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Notes that <paramref name="inviterContactId"/> invited <paramref name="inviteeContactId"/>, until <paramref name="lifetime"/> passes; a later invitation of the same number wins.</summary>
    Task SetInviterAsync(string inviteeContactId, string inviterContactId, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>Who invited this number and is still waiting for its answer, if anyone.</summary>
    Task<string?> FindInviterAsync(string inviteeContactId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the invitation of <paramref name="inviteeContactId"/>, only if <paramref name="inviterContactId"/> still made it.</summary>
    Task RemoveInviterAsync(string inviteeContactId, string inviterContactId, CancellationToken cancellationToken = default);
}
