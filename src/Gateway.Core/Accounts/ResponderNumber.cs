using System.Security.Cryptography;
using System.Text;

namespace Gateway.Core.Accounts;

/// <summary>What a verification code check found.</summary>
public enum CodeCheck
{
    /// <summary>The code matched: the number is verified now.</summary>
    Verified,

    /// <summary>The number was verified before; nothing changed.</summary>
    AlreadyVerified,

    /// <summary>The code did not match; one attempt fewer is left.</summary>
    Wrong,

    /// <summary>Too many wrong codes: this code is spent and a new one must be asked for.</summary>
    Locked,

    /// <summary>The code is older than <see cref="ResponderNumber.CodeLifetime"/>; a new one must be asked for.</summary>
    Expired,

    /// <summary>No code was sent for this number.</summary>
    NoCode,
}

/// <summary>
/// A phone number on which an account is paged and from which it may answer ("ACK &lt;ref&gt;"). It counts only
/// once verified: the gateway texted a code to it and the code came back. The number itself is sealed with the
/// data key; <see cref="ContactId"/> is the same HMAC the gateway uses for every contact, so a text from that number
/// finds the account.
/// </summary>
public sealed record ResponderNumber
{
    /// <summary>Wrong codes allowed before a code is spent.</summary>
    public const int MaxCodeAttempts = 5;

    /// <summary>How long a code can be used.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    public required string AccountId { get; init; }

    /// <summary>The HMAC of the E.164 number, as the data key's ContactId computes it.</summary>
    public required string ContactId { get; init; }

    /// <summary>The E.164 number sealed with the data key (AES-GCM).</summary>
    public required string EncryptedNumber { get; init; }

    public bool Verified { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>The keyed hash of the pending code (never the code); null when none is pending.</summary>
    public string? CodeHash { get; init; }

    public DateTimeOffset? CodeExpiresAt { get; init; }

    /// <summary>Wrong codes tried against the pending code.</summary>
    public int CodeAttempts { get; init; }

    public required DateTimeOffset AddedAt { get; init; }

    /// <summary>The stored version this copy was read at (see <see cref="IAccountStore.SaveResponderNumberAsync"/>); 1 once added.</summary>
    public long Version { get; init; }

    /// <summary>The number with a new pending code, replacing any earlier one and its count of wrong attempts.</summary>
    public ResponderNumber WithCode(string codeHash, DateTimeOffset now) =>
        this with { CodeHash = codeHash, CodeExpiresAt = now + CodeLifetime, CodeAttempts = 0 };

    /// <summary>
    /// Checks the keyed hash of a code the person typed against the pending one (in constant time) and returns the
    /// number as it must be saved, with the outcome. A wrong code counts; the <see cref="MaxCodeAttempts"/>th wrong
    /// one spends the code, and from then on even the right code is refused.
    /// </summary>
    public (ResponderNumber Next, CodeCheck Outcome) CheckCode(string codeHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        if (Verified)
        {
            return (this, CodeCheck.AlreadyVerified);
        }

        if (CodeHash is null || CodeExpiresAt is null)
        {
            return (this, CodeCheck.NoCode);
        }

        if (CodeAttempts >= MaxCodeAttempts)
        {
            return (this, CodeCheck.Locked);
        }

        if (now >= CodeExpiresAt)
        {
            return (this, CodeCheck.Expired);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(CodeHash), Encoding.UTF8.GetBytes(codeHash)))
        {
            var next = this with { CodeAttempts = CodeAttempts + 1 };
            return (next, next.CodeAttempts >= MaxCodeAttempts ? CodeCheck.Locked : CodeCheck.Wrong);
        }

        return (this with { Verified = true, VerifiedAt = now, CodeHash = null, CodeExpiresAt = null, CodeAttempts = 0 }, CodeCheck.Verified);
    }

    /// <summary>Wrong codes the pending code still takes.</summary>
    public int AttemptsLeft => Math.Max(0, MaxCodeAttempts - CodeAttempts);
}
