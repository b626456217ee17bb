namespace Gateway.Core.Content;

/// <summary>What a pending change changes.</summary>
public enum PendingKind
{
    /// <summary>A text the gate holds (its purpose is guarded, or a number or hotline placeholder changes): <see cref="PendingChange.Text"/>.</summary>
    Text,

    /// <summary>A number of a contact in flows/directory.yaml: <see cref="PendingChange.ContactId"/>, <see cref="PendingChange.Field"/>.</summary>
    DirectoryNumber,
}

/// <summary>
/// A change that waits for a second person, because <see cref="ApprovalGate"/> said so: proposed by one editor,
/// served only once a person <see cref="ApprovalGate.WhyNotApprover"/> accepts approves it. It was valid when proposed and is validated again against the content of the moment it is approved.
/// </summary>
/// <example>
/// A partner's duty phone confirmed by phone call: editor A proposes <c>page_number</c> of <c>th-ngo-burmese</c>;
/// editor B, who rang the partner back, approves; only then does directory.yaml change and the new revision serve.
/// </example>
public sealed record PendingChange
{
    /// <summary>A random id, 16 hex digits.</summary>
    public required string Id { get; init; }

    public required PendingKind Kind { get; init; }

    /// <summary>For a text: the change to apply.</summary>
    public TextChange? Text { get; init; }

    /// <summary>For a directory number: the contact's id (th-1300).</summary>
    public string? ContactId { get; init; }

    /// <summary>For a directory number: number or page_number.</summary>
    public string? Field { get; init; }

    /// <summary>For a directory number: the new value (a number, or placeholder).</summary>
    public string? Value { get; init; }

    /// <summary>What the file said when the change was proposed, to show beside the new value.</summary>
    public string? Before { get; init; }

    /// <summary>Why a second person must approve it, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>The account id of the editor who proposed it; that account can never approve it.</summary>
    public required string ProposedBy { get; init; }

    /// <summary>The proposer's display name.</summary>
    public required string ProposedByName { get; init; }

    public required DateTimeOffset ProposedAt { get; init; }

    /// <summary>The content revision the change was proposed against.</summary>
    public required string Revision { get; init; }

    /// <summary>The language of the text it changes, which its approver must read; null for a change of no one language.</summary>
    public string? Language => Kind == PendingKind.Text ? Text?.Language : null;

    /// <summary>A short description: "my menu.sos" or "th-1300 number".</summary>
    public string Subject => Kind == PendingKind.Text ? $"{Text?.Language} {Text?.Key}" : $"{ContactId} {Field}";

    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}

/// <summary>Where pending changes wait: in memory for the embedded gateway, in Redis so every process sees them.</summary>
public interface IPendingChangeStore
{
    Task AddAsync(PendingChange change, CancellationToken cancellationToken = default);

    /// <summary>Every pending change, oldest first.</summary>
    Task<IReadOnlyList<PendingChange>> ListAsync(CancellationToken cancellationToken = default);

    Task<PendingChange?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the change; of two people deciding at once, exactly one gets it.</summary>
    Task<PendingChange?> TakeAsync(string id, CancellationToken cancellationToken = default);
}
