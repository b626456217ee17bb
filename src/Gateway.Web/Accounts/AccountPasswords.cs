using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Web.Accounts;

/// <summary>
/// Console passwords: hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, the
/// iteration count inside the hash) into <see cref="Account.PasswordHash"/>. Set through
/// <c>POST /api/accounts/{id}/password</c> (the account itself, or an admin of its organisation) or at
/// <c>/console/account</c>; checked at <c>/console/sign-in</c>.
/// </summary>
public sealed class AccountPasswords
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    private readonly PasswordHasher<Account> _hasher = new();

    /// <summary>A hash that matches no password, checked when the account is unknown so both take the same time.</summary>
    private readonly string _decoy;

    public AccountPasswords()
    {
        _decoy = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Why a new password is refused, as a sentence; null when it is acceptable.</summary>
    public static string? Problem(string? password) => password switch
    {
        null or { Length: < MinLength } => $"A console password has at least {MinLength} characters (a few words make a good one).",
        { Length: > MaxLength } => $"A console password has at most {MaxLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "A console password cannot be only spaces.",
        _ => null,
    };

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
}
