using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Web.OperatorConsole;

/// <summary>What became of a password sign-in.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>No such account, no password set, or a wrong password: the person is told the same in each case.</summary>
    Refused,

    /// <summary>Too many failures in a row: no password is tried until <see cref="Account.LockedUntil"/>.</summary>
    LockedOut,

    Disabled,
}

/// <summary>
/// Checks a console password and keeps the count of failures on the account itself (saved over the version it was
/// read at, so two gateway processes never lose a count): the <see cref="Account.MaxFailedSignIns"/>th failure in a
/// row locks the account for <see cref="Account.LockOutDuration"/>, during which even the right password is refused.
/// </summary>
public sealed partial class ConsoleSignIn(IAccountStore accounts, AccountPasswords passwords, TimeProvider clock, ILogger<ConsoleSignIn> logger)
{
    public async Task<(SignInOutcome Outcome, Account? Account)> SignInAsync(string? accountId, string? password, CancellationToken cancellationToken)
    {
        var id = accountId?.Trim() ?? string.Empty;
        var account = id.Length is > 0 and <= 64 ? await accounts.FindAccountAsync(id, cancellationToken) : null;
        var now = clock.GetUtcNow();
        if (account is not null && account.IsLockedOut(now))
        {
            LogRefused(logger, account.Id, "locked_out");
            return (SignInOutcome.LockedOut, account);
        }

        var result = passwords.Verify(account, password ?? string.Empty);
        if (account is null)
        {
            LogRefused(logger, "-", "unknown_account");
            return (SignInOutcome.Refused, null);
        }

        if (result == PasswordVerificationResult.Failed)
        {
            var counted = await accounts.UpdateAccountAsync(account.Id, a => a.IsLockedOut(now) ? null : a.AfterFailedSignIn(now), cancellationToken);
            var locked = counted?.IsLockedOut(now) == true;
            LogRefused(logger, account.Id, locked ? "wrong_password_locked" : "wrong_password");
            return (locked ? SignInOutcome.LockedOut : SignInOutcome.Refused, counted);
        }

        if (account.Disabled)
        {
            LogRefused(logger, account.Id, "disabled");
            return (SignInOutcome.Disabled, account);
        }

        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded ? passwords.Hash(account, password!) : null;
        var signedIn = await accounts.UpdateAccountAsync(account.Id, a =>
            a.FailedSignIns == 0 && a.LockedUntil is null && rehash is null ? null : a.AfterSuccessfulSignIn() with { PasswordHash = rehash ?? a.PasswordHash },
            cancellationToken);
        LogSignedIn(logger, account.Id);
        return (SignInOutcome.SignedIn, signedIn ?? account);
    }

    /// <summary>
    /// Checks the current password asked again by the password change form, against the same count as sign-in: a
    /// wrong one counts toward the lock-out, and a locked account is refused even the right one, so the form is no
    /// way around the lock-out for someone holding a signed-in browser.
    /// </summary>
    public async Task<SignInOutcome> CheckCurrentPasswordAsync(Account account, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = clock.GetUtcNow();
        if (account.IsLockedOut(now))
        {
            LogChangeRefused(logger, account.Id, "locked_out");
            return SignInOutcome.LockedOut;
        }

        if (passwords.Verify(account, password ?? string.Empty) != PasswordVerificationResult.Failed)
        {
            return SignInOutcome.SignedIn;
        }

        var counted = await accounts.UpdateAccountAsync(account.Id, a => a.IsLockedOut(now) ? null : a.AfterFailedSignIn(now), cancellationToken);
        var locked = counted?.IsLockedOut(now) == true;
        LogChangeRefused(logger, account.Id, locked ? "wrong_current_password_locked" : "wrong_current_password");
        return locked ? SignInOutcome.LockedOut : SignInOutcome.Refused;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console password change refused for account {AccountId}: {Reason}")]
    private static partial void LogChangeRefused(ILogger logger, string accountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused for account {AccountId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string accountId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in by account {AccountId}")]
    private static partial void LogSignedIn(ILogger logger, string accountId);
}
