using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Web.Accounts;

/// <summary>
/// Console passwords: hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, the
/// iteration count inside the hash) into <see cref="Account.PasswordHash"/>. Set through
/// <c>POST /api/accounts/{id}/password</c> (the account itself, or an admin of its organisation) or at
/// <c>/console/account</c>; checked at <c>/console/sign-in</c>. Every new password passes <see cref="Problem"/>:
/// long enough, and not guessable by the dictionaries, names, dates and keyboard patterns zxcvbn knows.
/// </summary>
public sealed class AccountPasswords
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    /// <summary>
    /// The least zxcvbn score (0 to 4) a new password needs. 3 means about 10^8 guesses or more: out of reach of
    /// guessing online, where five wrong passwords lock the account, and costly offline against the slow hash.
    /// </summary>
    public const int MinScore = 3;

    /// <summary>Words an attacker tries first on this gateway's console, whatever the account.</summary>
    private static readonly string[] GatewayWords = ["gateway", "console", "hotline", "safe", "migration", "safemigration", "password", "admin", "responder", "viewer", "editor", "report"];

    private readonly PasswordHasher<Account> _hasher = new();

    /// <summary>A hash that matches no password, checked when the account is unknown so both take the same time.</summary>
    private readonly string _decoy;

    public AccountPasswords()
    {
        _decoy = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
    }

    /// <summary>
    /// Why a new password is refused, as a sentence for the person choosing it; null when it is acceptable. Besides
    /// its length, a password is refused when zxcvbn scores it below <see cref="MinScore"/>: a common password, a
    /// word with small changes, a keyboard run or a date, or the account's own id, name or organisation
    /// (<paramref name="context"/>).
    /// </summary>
    /// <example><c>Problem("Summer2024!!!")</c> refuses; <c>Problem("tamarind kite orbit pillow")</c> accepts.</example>
    public static string? Problem(string? password, params IEnumerable<string?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (password)
        {
            case null or { Length: < MinLength }:
                return $"A console password has at least {MinLength} characters (a few unrelated words make a good one).";
            case { Length: > MaxLength }:
                return $"A console password has at most {MaxLength} characters.";
            case var _ when string.IsNullOrWhiteSpace(password):
                return "A console password cannot be only spaces.";
        }

        var inputs = GatewayWords.Concat(context.Where(c => !string.IsNullOrWhiteSpace(c)).SelectMany(Words!)).ToList();
        return Zxcvbn.Zxcvbn.MatchPassword(password, inputs).Score >= MinScore
            ? null
            : "This password is too easy to guess: it is close to a common password, a word with a few letters changed, "
                + "a keyboard or number pattern, a date, or this account's own name. Choose four or more unrelated words, "
                + "or let a password manager make one.";
    }

    public string Hash(Account account, string password)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return _hasher.HashPassword(account, password);
    }

    /// <summary>Checks the password against the account's hash (or a decoy when there is no account or no hash).</summary>
    public PasswordVerificationResult Verify(Account? account, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (account?.PasswordHash is not { } hash)
        {
            _hasher.VerifyHashedPassword(null!, _decoy, password);
            return PasswordVerificationResult.Failed;
        }

        return _hasher.VerifyHashedPassword(account, hash, password);
    }

    /// <summary>A context text and its words ("Hotline desk" gives "hotline desk", "hotline" and "desk").</summary>
    private static IEnumerable<string> Words(string text) =>
        [text.ToLowerInvariant(), .. text.ToLowerInvariant().Split([' ', '_', '-', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
