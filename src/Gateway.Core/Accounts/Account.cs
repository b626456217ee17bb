namespace Gateway.Core.Accounts;

/// <summary>
/// Someone (or some system) that signs in to the gateway on behalf of an organisation. The name is a display name
/// only; the gateway keeps nothing else personal here. Phone numbers live in <see cref="ResponderNumber"/>, sealed.
/// </summary>
public sealed record Account
{
    /// <summary>Failed password sign-ins in a row before the account is locked.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a lock-out lasts.</summary>
    public static readonly TimeSpan LockOutDuration = TimeSpan.FromMinutes(15);

    /// <summary>"acc_" and ten base32 characters, e.g. <c>acc_p4m7x2kq9d</c>.</summary>
    public required string Id { get; init; }

    public required string OrganisationId { get; init; }

    /// <summary>How the account is shown, e.g. "Hotline desk" or "Somchai (night shift)".</summary>
    public required string Name { get; init; }

    public required Role Role { get; init; }

    /// <summary>The public part of the current API key (see <see cref="ApiKeys"/>); the index the key is found by.</summary>
    public required string ApiKeyId { get; init; }

    /// <summary>The SHA-256 of the current API key's secret; the key itself is shown once and never stored.</summary>
    public required string ApiKeyHash { get; init; }

    /// <summary>
    /// The console password, hashed by ASP.NET Core Identity's <c>PasswordHasher</c> (PBKDF2 with a salt and an
    /// iteration count inside the hash); null while the account signs in by API key only.
    /// </summary>
    public string? PasswordHash { get; init; }

    /// <summary>Failed password sign-ins since the last successful one.</summary>
    public int FailedSignIns { get; init; }

    /// <summary>No password sign-in is accepted before this moment.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The account of the admin who made this one; null when the server's operator made it (the CLI, the embedded
    /// admin). An account never approves a content change proposed by the account that made it, directly or through
    /// accounts it made (<see cref="Content.ApprovalGate.WhyNotApprover"/>): an admin cannot be their own second person.
    /// </summary>
    public string? CreatedBy { get; init; }

    /// <summary>
    /// The language codes (my, th …) whose texts this account approves; null or empty for any language. Set for
    /// reviewers, so that a change to a Burmese text is approved by someone who reads Burmese.
    /// </summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>A disabled account is refused whatever key or password it shows.</summary>
    public bool Disabled { get; init; }

    /// <summary>
    /// The stored version this copy was read at: a store saves a change only over the version it was read from
    /// (see <see cref="IAccountStore.UpdateAccountAsync"/>). 1 once created.
    /// </summary>
    public long Version { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// The account after one more failed password sign-in: the <see cref="MaxFailedSignIns"/>th in a row locks it
    /// for <see cref="LockOutDuration"/> and starts the count again.
    /// </summary>
    public Account AfterFailedSignIn(DateTimeOffset now)
    {
        var failures = FailedSignIns + 1;
        return failures >= MaxFailedSignIns
            ? this with { FailedSignIns = 0, LockedUntil = now + LockOutDuration }
            : this with { FailedSignIns = failures };
    }

    public Account AfterSuccessfulSignIn() => this with { FailedSignIns = 0, LockedUntil = null };
}
