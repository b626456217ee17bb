using System.Text;
using Gateway.Core.Accounts;
using Gateway.Core.Content;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Flows.Validation;
using Gateway.Web.Messaging;

namespace Gateway.Web.Studio;

/// <summary>The signed-in person who changes content: their account id and the name the console shows.</summary>
public sealed record ContentAuthor(string AccountId, string Name);

/// <summary>What became of a change.</summary>
public enum EditOutcome
{
    /// <summary>Validated, written to its file and served as a new revision by every process.</summary>
    Served,

    /// <summary>Stored until a second person approves it.</summary>
    Pending,

    /// <summary>Not applied: the validator's errors or the reason say why.</summary>
    Refused,

    /// <summary>The change would leave the content as it is.</summary>
    Unchanged,
}

/// <summary>The result of a change, for the page that asked for it.</summary>
/// <param name="Outcome">What became of it.</param>
/// <param name="Message">A sentence for the editor.</param>
/// <param name="Revision">The revision served after it.</param>
/// <param name="Errors">The validator's errors when it was refused for them (file:line:column and what to do).</param>
/// <param name="PendingId">The id of the pending change when it waits for approval.</param>
public sealed record EditResult(EditOutcome Outcome, string Message, string? Revision = null, IReadOnlyList<Finding>? Errors = null, string? PendingId = null);

/// <summary>One text an imported spreadsheet changes.</summary>
/// <param name="Line">The CSV line.</param>
/// <param name="Key">The text key.</param>
/// <param name="Before">The language's text now; null when it has none.</param>
/// <param name="After">The spreadsheet's text.</param>
/// <param name="ApprovalReason">Why it needs a second person, when it does.</param>
public sealed record CsvChange(int Line, string Key, string? Before, string After, string? ApprovalReason);

/// <summary>What importing a spreadsheet would do, shown before anything is changed.</summary>
/// <param name="Language">The language imported.</param>
/// <param name="Changes">The texts that change.</param>
/// <param name="Unchanged">Rows whose text is already the language's.</param>
/// <param name="Empty">Rows left empty (the language keeps what it has).</param>
/// <param name="Error">Why the file cannot be imported; nothing is changed then.</param>
public sealed record CsvPreview(string Language, IReadOnlyList<CsvChange> Changes, int Unchanged, int Empty, string? Error)
{
    public bool CanImport => Error is null && Changes.Count > 0;
}

/// <summary>
/// Changes content from the console. Every change is applied to the files on disk, validated together with all the
/// other files exactly as <c>gateway flows validate</c> would (an edit with errors is refused with the validator's
/// sentences and changes nothing), written back to its file touching only its own lines, and served at once as a new
/// content revision, which <see cref="FlowRevisionSync"/> announces so every process serves it. A changed text
/// becomes a draft. Every change passes <see cref="ApprovalGate"/> first: what it holds (numbers of hotlines and
/// partners, texts whose numbers or hotline placeholders change, any change to a guarded text) waits for a second
/// person whom the gate accepts as approver.
/// </summary>
public sealed partial class ContentEditor : IDisposable
{
    private readonly FlowHost _host;
    private readonly IPendingChangeStore _pending;
    private readonly IAccountStore _accounts;
    private readonly TimeProvider _clock;
    private readonly ILogger<ContentEditor> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ContentEditor(FlowHost host, IPendingChangeStore pending, IAccountStore accounts, TimeProvider clock, ILogger<ContentEditor> logger)
    {
        _host = host;
        _pending = pending;
        _accounts = accounts;
        _clock = clock;
        _logger = logger;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The bundle being served.</summary>
    public FlowBundle Bundle => _host.Engine.Bundle;

    /// <summary>Changes one text; a change the gate holds waits for a second person instead.</summary>
    public async Task<EditResult> EditTextAsync(TextChange change, ContentAuthor author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(author);
        if (Bundle.Texts.Language(change.Language) is not { } language)
        {
            return Refused($"There is no language \"{change.Language}\"; add localization/{change.Language}.yaml first.");
        }

        var old = language.Texts.GetValueOrDefault(change.Key);
        if (old is not null && old.Text == change.Text && TextChange.VariantChannels.All(c =>
                change.Variants?.TryGetValue(c, out var v) != true || (string.IsNullOrEmpty(v) ? !old.Variants.ContainsKey(c) : old.Variants.GetValueOrDefault(c) == v)))
        {
            return new EditResult(EditOutcome.Unchanged, $"\"{change.Key}\" already says that in {change.Language}.", _host.Revision);
        }

        if (Decide(change) is { } reason)
        {
            return await ProposeAsync(
                new PendingChange
                {
                    Id = PendingChange.NewId(),
                    Kind = PendingKind.Text,
                    Text = change,
                    Before = old?.Text,
                    Reason = reason,
                    ProposedBy = author.AccountId,
                    ProposedByName = author.Name,
                    ProposedAt = _clock.GetUtcNow(),
                    Revision = _host.Revision,
                },
                cancellationToken);
        }

        return await ApplyAsync(source => WithTexts(source, change.Language, [change]), author, $"{change.Language} {change.Key}", () => Decide(change) is null);
    }

    /// <summary>Why the gate holds <paramref name="change"/> against the texts served now; null when it is served at once.</summary>
    private string? Decide(TextChange change) =>
        ApprovalGate.ForText(Bundle.Texts.PurposeOf(change.Key), Bundle.Texts.Language(change.Language)?.Texts.GetValueOrDefault(change.Key), change).Reason;

    /// <summary>Proposes a new number for a contact of flows/directory.yaml; it is served once a second person approves it.</summary>
    public async Task<EditResult> ProposeNumberAsync(string contactId, string field, string value, ContentAuthor author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        var directory = DirectoryText(Current());
        if (directory is null)
        {
            return Refused("flows/directory.yaml is missing.");
        }

        string? before;
        try
        {
            before = DirectoryFileEditor.Read(directory.Text, contactId, field);
            DirectoryFileEditor.SetNumber(directory.Text, contactId, field, value);
        }
        catch (ArgumentException e)
        {
            return Refused(e.Message);
        }

        if (before == value?.Trim())
        {
            return new EditResult(EditOutcome.Unchanged, $"The {field} of \"{contactId}\" is already {before}.", _host.Revision);
        }

        return await ProposeAsync(
            new PendingChange
            {
                Id = PendingChange.NewId(),
                Kind = PendingKind.DirectoryNumber,
                ContactId = contactId,
                Field = field,
                Value = value!.Trim(),
                Before = before,
                Reason = ApprovalGate.ForDirectoryNumber(contactId, field).Reason!,
                ProposedBy = author.AccountId,
                ProposedByName = author.Name,
                ProposedAt = _clock.GetUtcNow(),
                Revision = _host.Revision,
            },
            cancellationToken);
    }

    /// <summary>Every change waiting for a second person, oldest first.</summary>
    public Task<IReadOnlyList<PendingChange>> PendingAsync(CancellationToken cancellationToken = default) => _pending.ListAsync(cancellationToken);

    /// <summary>
    /// Applies a pending change for a person <see cref="ApprovalGate.WhyNotApprover"/> accepts: not its author, an
    /// editor or admin, not made by its author, reading its language when they list languages. It is validated again
    /// against the content of now; refused, it stays pending.
    /// </summary>
    public async Task<EditResult> ApproveAsync(string id, ContentAuthor approver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var change = await _pending.GetAsync(id, cancellationToken);
        if (change is null)
        {
            return Refused("That change is no longer pending: someone has approved or rejected it.");
        }

        if (await ApproverAsync(approver, cancellationToken) is not { } person)
        {
            return Refused("Your account could not be found or is disabled, so it cannot approve changes.");
        }

        if (ApprovalGate.WhyNotApprover(change, person, await MadeByAsync(change.ProposedBy, cancellationToken)) is { } refusal)
        {
            return Refused(refusal);
        }

        if (await _pending.TakeAsync(id, cancellationToken) is not { } taken)
        {
            return Refused("That change is no longer pending: someone has approved or rejected it.");
        }

        var result = await ApplyAsync(source => Apply(source, taken), approver, $"{taken.Subject}, proposed by {taken.ProposedBy}");
        if (result.Outcome == EditOutcome.Refused)
        {
            await _pending.AddAsync(taken, cancellationToken);
            return result;
        }

        LogDecided(_logger, taken.Id, taken.Subject, taken.ProposedBy, approver.AccountId, "approved");
        return result with { Message = $"{taken.Subject}, proposed by {taken.ProposedByName}, is approved. {result.Message}" };
    }

    /// <summary>Drops a pending change; the person who proposed it may withdraw it this way too.</summary>
    public async Task<EditResult> RejectAsync(string id, ContentAuthor author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        if (await _pending.TakeAsync(id, cancellationToken) is not { } taken)
        {
            return Refused("That change is no longer pending: someone has approved or rejected it.");
        }

        LogDecided(_logger, taken.Id, taken.Subject, taken.ProposedBy, author.AccountId, "rejected");
        return new EditResult(EditOutcome.Unchanged, $"{taken.Subject} is rejected; nothing was changed.", _host.Revision);
    }

    /// <summary>One language's texts as a spreadsheet (UTF-8 with a byte order mark).</summary>
    public byte[] ExportCsv(string language) =>
        TranslationCsv.Encode(TranslationCsv.Write(TranslationTable.Build(Bundle, language)));

    /// <summary>What importing <paramref name="csv"/> into <paramref name="language"/> would change; changes nothing.</summary>
    public CsvPreview PreviewCsv(string language, string csv)
    {
        var bundle = Bundle;
        if (bundle.Texts.Language(language) is not { } catalog)
        {
            return new CsvPreview(language, [], 0, 0, $"There is no language \"{language}\".");
        }

        IReadOnlyList<CsvRow> rows;
        try
        {
            rows = TranslationCsv.Read(csv);
        }
        catch (FormatException e)
        {
            return new CsvPreview(language, [], 0, 0, e.Message);
        }

        var known = TranslationTable.Keys(bundle).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<CsvChange>();
        int unchanged = 0, empty = 0;
        foreach (var row in rows)
        {
            if (!known.Contains(row.Key))
            {
                return new CsvPreview(language, [], 0, 0, $"Line {row.Line}: \"{row.Key}\" is not a text of the gateway; keep the key column as it was exported.");
            }

            if (!seen.TryAdd(row.Key, row.Line))
            {
                return new CsvPreview(language, [], 0, 0, $"Line {row.Line}: \"{row.Key}\" is already on line {seen[row.Key]}; keep one row per key.");
            }

            var old = catalog.Texts.GetValueOrDefault(row.Key);
            if (string.IsNullOrWhiteSpace(row.Text))
            {
                empty++;
            }
            else if (old?.Text == row.Text)
            {
                unchanged++;
            }
            else
            {
                changes.Add(new CsvChange(row.Line, row.Key, old?.Text, row.Text, ApprovalGate.ForText(bundle.Texts.PurposeOf(row.Key), old, new TextChange(language, row.Key, row.Text)).Reason));
            }
        }

        return new CsvPreview(language, changes, unchanged, empty, null);
    }

    /// <summary>
    /// Imports a spreadsheet: every changed text as a draft in one new revision, validated together (one error
    /// refuses them all), and those the gate holds as pending changes for a second person.
    /// </summary>
    public async Task<(CsvPreview Preview, EditResult Result)> ImportCsvAsync(string language, string csv, ContentAuthor author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        var preview = PreviewCsv(language, csv);
        if (preview.Error is not null)
        {
            return (preview, Refused(preview.Error));
        }

        var direct = preview.Changes.Where(c => c.ApprovalReason is null).Select(c => new TextChange(language, c.Key, c.After)).ToList();
        var held = preview.Changes.Where(c => c.ApprovalReason is not null).ToList();
        var result = direct.Count == 0
            ? new EditResult(EditOutcome.Unchanged, "No text changes without approval.", _host.Revision)
            : await ApplyAsync(source => WithTexts(source, language, direct), author, $"{language} spreadsheet ({direct.Count} texts)", () => direct.TrueForAll(c => Decide(c) is null));
        if (result.Outcome == EditOutcome.Refused)
        {
            return (preview, result);
        }

        foreach (var change in held)
        {
            await _pending.AddAsync(
                new PendingChange
                {
                    Id = PendingChange.NewId(),
                    Kind = PendingKind.Text,
                    Text = new TextChange(language, change.Key, change.After),
                    Before = change.Before,
                    Reason = change.ApprovalReason!,
                    ProposedBy = author.AccountId,
                    ProposedByName = author.Name,
                    ProposedAt = _clock.GetUtcNow(),
                    Revision = _host.Revision,
                },
                cancellationToken);
        }

        var message = $"{direct.Count} text(s) of {language} changed as drafts";
        if (held.Count > 0)
        {
            message += $"; {held.Count} wait for a second person (a number or hotline changes, or the text is guarded)";
        }

        return (preview, result with { Outcome = direct.Count == 0 && held.Count > 0 ? EditOutcome.Pending : result.Outcome, Message = message + "." });
    }

    /// <summary>
    /// The approver as stored, not as the session claims: their role now, who made their account (and who made
    /// that one, up to a bound), and the languages they review. Null for an unknown or disabled account.
    /// </summary>
    private async Task<Approver?> ApproverAsync(ContentAuthor author, CancellationToken cancellationToken)
    {
        var account = await _accounts.FindAccountAsync(author.AccountId, cancellationToken);
        if (account is null || account.Disabled)
        {
            return null;
        }

        return new Approver(account.Id, account.Name, account.Role, await MadeByAsync(account.Id, cancellationToken), account.Languages);
    }

    /// <summary>Who made <paramref name="accountId"/>'s account, who made that one, and so on (up to a bound).</summary>
    private async Task<IReadOnlyList<string>> MadeByAsync(string accountId, CancellationToken cancellationToken)
    {
        var madeBy = new List<string>();
        var maker = (await _accounts.FindAccountAsync(accountId, cancellationToken))?.CreatedBy;
        while (maker is not null && madeBy.Count < 32 && !madeBy.Contains(maker, StringComparer.Ordinal))
        {
            madeBy.Add(maker);
            maker = (await _accounts.FindAccountAsync(maker, cancellationToken))?.CreatedBy;
        }

        return madeBy;
    }

    private async Task<EditResult> ProposeAsync(PendingChange change, CancellationToken cancellationToken)
    {
        // A change that could never be served is refused now, not after someone approved it.
        var check = Validate(source => Apply(source, change));
        if (check is not null)
        {
            return check;
        }

        await _pending.AddAsync(change, cancellationToken);
        LogProposed(_logger, change.Id, change.Subject, change.ProposedBy);
        return new EditResult(EditOutcome.Pending, $"{change.Subject} waits for a second person: {change.Reason}. Another editor or an admin approves it under Pending changes.", _host.Revision, PendingId: change.Id);
    }

    /// <summary>The files of the revision being served, which may have come from another process through Redis.</summary>
    private FlowSource Current() => _host.Source;

    private EditResult? Validate(Func<FlowSource, FlowSource> edit)
    {
        var source = Current();
        FlowSource changed;
        try
        {
            changed = edit(source);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or YamlDotNet.Core.YamlException)
        {
            return Refused(e.Message);
        }

        var result = FlowLoader.Load(changed, Today());
        return result.Succeeded ? null : Invalid(result);
    }

    /// <param name="edit">The change to the files.</param>
    /// <param name="author">Who made it.</param>
    /// <param name="subject">What it changes, for the log.</param>
    /// <param name="stillOpen">
    /// For a change the gate let through: asked again once no other change of this process can come between, so that
    /// a text changed meanwhile (an approval, another editor) is not overwritten on the strength of an older decision.
    /// </param>
    private async Task<EditResult> ApplyAsync(Func<FlowSource, FlowSource> edit, ContentAuthor author, string subject, Func<bool>? stillOpen = null)
    {
        await _gate.WaitAsync();
        try
        {
            if (stillOpen?.Invoke() == false)
            {
                return Refused("The text changed while you were saving, and your change now needs a second person's approval; open it again and save it to propose it.");
            }

            var source = Current();
            FlowSource changed;
            try
            {
                changed = edit(source);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or YamlDotNet.Core.YamlException)
            {
                return Refused(e.Message);
            }

            if (changed.Revision == source.Revision)
            {
                return new EditResult(EditOutcome.Unchanged, "Nothing changed.", _host.Revision);
            }

            var result = FlowLoader.Load(changed, Today());
            if (!result.Succeeded)
            {
                return Invalid(result);
            }

            // This host's files become the new revision's: the changed file, and any file a revision from another
            // process changed, so that the file watcher reads back the same revision rather than an older mix.
            var disk = _host.ReadDisk();
            foreach (var file in changed.FlowFiles.Concat(changed.LocalizationFiles))
            {
                var before = disk.FlowFiles.Concat(disk.LocalizationFiles).FirstOrDefault(f => f.DisplayPath == file.DisplayPath);
                if (before?.Text != file.Text)
                {
                    Write(file);
                }
            }

            _host.TryServe(changed, $"the console ({author.AccountId})");
            LogChanged(_logger, subject, author.AccountId, changed.Revision);
            return new EditResult(EditOutcome.Served, $"Saved as a draft and served as revision {_host.Revision}.", _host.Revision);
        }
        finally
        {
            _gate.Release();
        }
    }

    private FlowSource Apply(FlowSource source, PendingChange change) => change.Kind switch
    {
        PendingKind.Text => WithTexts(source, change.Text!.Language, [change.Text]),
        _ => WithFile(source, DirectoryText(source) ?? throw new InvalidOperationException("flows/directory.yaml is missing."), text => DirectoryFileEditor.SetNumber(text, change.ContactId!, change.Field!, change.Value!)),
    };

    private FlowSource WithTexts(FlowSource source, string language, IReadOnlyList<TextChange> changes)
    {
        var file = source.LocalizationFiles.FirstOrDefault(f => Path.GetFileNameWithoutExtension(f.DisplayPath) == language)
            ?? throw new InvalidOperationException($"There is no file localization/{language}.yaml.");
        var order = TranslationTable.Keys(Bundle);
        return WithFile(source, file, text => changes.Aggregate(text, (current, change) => LocalizationFileEditor.Apply(current, change, order)));
    }

    private static FlowSource WithFile(FlowSource source, SourceFile file, Func<string, string> edit)
    {
        var edited = file with { Text = edit(file.Text) };
        return new FlowSource(
            source.FlowFiles.Select(f => f.DisplayPath == file.DisplayPath ? edited : f),
            source.LocalizationFiles.Select(f => f.DisplayPath == file.DisplayPath ? edited : f));
    }

    private static SourceFile? DirectoryText(FlowSource source) =>
        source.FlowFiles.FirstOrDefault(f => Path.GetFileName(f.DisplayPath) == FlowLoader.DirectoryFile);

    /// <summary>Writes a file through a temporary one beside it, so a process reading it never sees half of it.</summary>
    private void Write(SourceFile file)
    {
        var folder = file.DisplayPath.StartsWith("flows/", StringComparison.Ordinal) ? _host.FlowsPath : _host.LocalizationPath;
        var path = Path.Combine(folder, Path.GetFileName(file.DisplayPath));
        var bom = File.Exists(path) && File.ReadAllBytes(path) is [0xEF, 0xBB, 0xBF, ..];
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, file.Text, new UTF8Encoding(bom));
        File.Move(temporary, path, overwrite: true);
    }

    private EditResult Invalid(LoadResult result)
    {
        var errors = result.Findings.Where(f => f.IsError).ToList();
        return new EditResult(EditOutcome.Refused, $"The change is refused: the validator found {errors.Count} error(s). Nothing was written.", _host.Revision, errors);
    }

    private EditResult Refused(string message) => new(EditOutcome.Refused, message, _host.Revision);

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content change {Subject} by account {AccountId} is served as revision {Revision}")]
    private static partial void LogChanged(ILogger logger, string subject, string accountId, string revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content change {Id} ({Subject}) proposed by account {AccountId} waits for a second person")]
    private static partial void LogProposed(ILogger logger, string id, string subject, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content change {Id} ({Subject}) proposed by account {ProposedBy} was {Decision} by account {AccountId}")]
    private static partial void LogDecided(ILogger logger, string id, string subject, string proposedBy, string accountId, string decision);
}
