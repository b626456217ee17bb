using System.Globalization;
using System.Security.Cryptography;
using Gateway.Core.Accounts;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Phones;
using Gateway.Infrastructure.Security;
using Gateway.Web.Outbound;

namespace Gateway.Web.Accounts;

/// <summary>What happened to a responder number request.</summary>
public enum NumberOutcome
{
    CodeSent,
    AlreadyVerified,
    Verified,
    NotANumber,
    NotSent,
    WrongCode,
    Locked,
    Expired,
    NoCode,
    UnknownNumber,
}

/// <summary>The outcome of adding or verifying a number; <see cref="Masked"/> shows its last three digits only.</summary>
public sealed record NumberResult(NumberOutcome Outcome, string? Masked = null, ResponderNumber? Number = null, string? Error = null, OutboundMessage? Message = null);

/// <summary>
/// Adds responder numbers and verifies them: the number is normalised (libphonenumber), sealed, and a six-digit code
/// is texted to it through the outbox from the paging number only; the code is kept only as a keyed hash, for
/// <see cref="ResponderNumber.CodeLifetime"/> and <see cref="ResponderNumber.MaxCodeAttempts"/> wrong tries.
/// A responder's number lives in the account store, apart from the people who text the gateway: nothing here reads
/// or writes a contact, so a number that once wrote to the gateway (a reporter's, perhaps one who refused all
/// contact) gets the same answers, the same neutral text from the same sender, and its record stays as it was.
/// Logs carry account ids and contact ids, never a number or a code.
/// </summary>
public sealed partial class ResponderNumbers(
    IAccountStore accounts,
    DataKey dataKey,
    OutboundSender sender,
    TimeProvider clock,
    ILogger<ResponderNumbers> logger)
{
    /// <summary>The outbound purpose of code texts, as metrics and the outbox show it.</summary>
    public const string Purpose = "responder_verify";

    /// <summary>
    /// The text that carries the code (English for now). It names neither the gateway nor what it is for: the phone
    /// may be held by someone other than the responder who typed the number.
    /// </summary>
    public static string CodeText(string code) =>
        $"Your verification code is {code}. It expires in {(int)ResponderNumber.CodeLifetime.TotalMinutes} minutes. If you did not ask for it, ignore this message.";

    /// <summary>"+66812345678" → "+********678": every digit but the last three masked.</summary>
    public static string Mask(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var digits = 0;
        var chars = e164.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (char.IsAsciiDigit(chars[i]) && ++digits > 3)
            {
                chars[i] = '*';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Adds <paramref name="raw"/> to the account (or finds it there) and texts a new code to it. A number without "+"
    /// is read in the first country the organisation works in.
    /// </summary>
    public async Task<NumberResult> AddAsync(Account account, Organisation? organisation, string? raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Normalize(raw, organisation) is not { } number)
        {
            return NotANumber();
        }

        var masked = Mask(number.E164);
        var contactId = dataKey.ContactId(number.E164);
        var now = clock.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var codeHash = CodeHash(account.Id, contactId, code);

        var added = await accounts.AddResponderNumberAsync(new ResponderNumber
        {
            AccountId = account.Id,
            ContactId = contactId,
            EncryptedNumber = dataKey.Seal(number.E164),
            AddedAt = now,
            CodeHash = codeHash,
            CodeExpiresAt = now + ResponderNumber.CodeLifetime,
        }, cancellationToken);
        ResponderNumber stored;
        if (added)
        {
            stored = (await accounts.FindResponderNumbersAsync(account.Id, cancellationToken)).First(n => n.ContactId == contactId);
        }
        else
        {
            // The account has this number already: a new code replaces the old one, unless it is verified.
            var updated = await accounts.UpdateResponderNumberAsync(account.Id, contactId, n => n.Verified ? (null, false) : (n.WithCode(codeHash, now), true), cancellationToken);
            if (updated is not { } result)
            {
                return new NumberResult(NumberOutcome.UnknownNumber, masked, Error: "The number was removed while the code was being made; add it again.");
            }

            if (!result.Result)
            {
                return new NumberResult(NumberOutcome.AlreadyVerified, masked, result.Number);
            }

            stored = result.Number;
        }

        // Counted per account: a count per number would say that the number was texted today.
        var message = await sender.EnqueueCodeAsync(number.E164, CodeText(code), Purpose, "responder:" + account.Id, cancellationToken);
        if (message.State == OutboundState.Refused)
        {
            LogNotSent(logger, account.Id, contactId, message.Id);
            return new NumberResult(NumberOutcome.NotSent, masked, stored, "The code could not be texted: " + message.Error, message);
        }

        LogCodeSent(logger, account.Id, contactId, message.Id);
        return new NumberResult(NumberOutcome.CodeSent, masked, stored, Message: message);
    }

    /// <summary>Checks a code texted to <paramref name="raw"/>; the number is verified when it matches.</summary>
    public async Task<NumberResult> VerifyAsync(Account account, Organisation? organisation, string? raw, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Normalize(raw, organisation) is not { } number)
        {
            return NotANumber();
        }

        var masked = Mask(number.E164);
        var typed = (code ?? string.Empty).Trim();
        if (typed.Length != 6 || !typed.All(char.IsAsciiDigit))
        {
            return new NumberResult(NumberOutcome.WrongCode, masked, Error: "The code is the six digits in the text the gateway sent; nothing was counted.");
        }

        var contactId = dataKey.ContactId(number.E164);
        var now = clock.GetUtcNow();
        var hash = CodeHash(account.Id, contactId, typed);
        var checkedNumber = await accounts.UpdateResponderNumberAsync(account.Id, contactId, n =>
        {
            var (next, outcome) = n.CheckCode(hash, now);
            return (ReferenceEquals(next, n) ? null : next, outcome);
        }, cancellationToken);
        if (checkedNumber is not { } result)
        {
            return new NumberResult(NumberOutcome.UnknownNumber, masked, Error: $"This account has no number {masked}; add it first.");
        }

        var stored = result.Number;
        switch (result.Result)
        {
            case CodeCheck.Verified:
                LogVerified(logger, account.Id, contactId);
                return new NumberResult(NumberOutcome.Verified, masked, stored);
            case CodeCheck.AlreadyVerified:
                return new NumberResult(NumberOutcome.AlreadyVerified, masked, stored);
            case CodeCheck.Wrong:
                LogWrongCode(logger, account.Id, contactId, stored.AttemptsLeft);
                return new NumberResult(NumberOutcome.WrongCode, masked, stored, $"That code is wrong; {stored.AttemptsLeft} more tries before it is spent.");
            case CodeCheck.Locked:
                LogWrongCode(logger, account.Id, contactId, 0);
                return new NumberResult(NumberOutcome.Locked, masked, stored, $"{ResponderNumber.MaxCodeAttempts} wrong codes: this code is spent. Ask for a new code.");
            case CodeCheck.Expired:
                return new NumberResult(NumberOutcome.Expired, masked, stored, $"The code is more than {(int)ResponderNumber.CodeLifetime.TotalMinutes} minutes old. Ask for a new code.");
            default:
                return new NumberResult(NumberOutcome.NoCode, masked, stored, "No code was sent to this number. Ask for one first.");
        }
    }

    /// <summary>The number of a stored responder number, masked; "(unreadable)" when the data key changed.</summary>
    public string MaskedNumberOf(ResponderNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        try
        {
            return Mask(dataKey.Open(number.EncryptedNumber));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return "(unreadable)";
        }
    }

    private static NormalizedNumber? Normalize(string? raw, Organisation? organisation) =>
        Infrastructure.Phones.PhoneNumbers.Normalize(raw ?? string.Empty, organisation?.Countries is [var first, ..] ? first : null);

    private static NumberResult NotANumber() =>
        new(NumberOutcome.NotANumber, Error: "That is not a phone number the gateway can read; write it with its country code, starting with +.");

    private string CodeHash(string accountId, string contactId, string code) =>
        dataKey.Tag($"responder code {accountId} {contactId}", code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification code for account {AccountId} sent to contact {ContactId} as outbound {MessageId}")]
    private static partial void LogCodeSent(ILogger logger, string accountId, string contactId, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification code for account {AccountId} to contact {ContactId} was refused by the outbox ({MessageId})")]
    private static partial void LogNotSent(ILogger logger, string accountId, string contactId, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Responder number of account {AccountId} verified: contact {ContactId}")]
    private static partial void LogVerified(ILogger logger, string accountId, string contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong verification code for account {AccountId}, contact {ContactId}; {AttemptsLeft} tries left")]
    private static partial void LogWrongCode(ILogger logger, string accountId, string contactId, int attemptsLeft);
}
