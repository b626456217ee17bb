using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Gateway.Core.Accounts;

namespace Gateway.Web.Accounts;

/// <summary>
/// Organisations, accounts, API keys and responder numbers, for admins (and each account for itself). An admin
/// manages its own organisation's accounts only; another organisation's account answers 404, as if it did not
/// exist. Responses never carry a whole phone number (the last three digits only) and show a new API key once.
/// </summary>
public static class AccountsApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var organisations = app.MapGroup("/api/organisations").RequireAuthorization(AccountPolicies.Admin);
        organisations.MapPost("/", CreateOrganisationAsync);
        organisations.MapGet("/", async (IAccountStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ListOrganisationsAsync(ct)).Select(OrganisationView.From)));

        var accounts = app.MapGroup("/api/accounts");
        accounts.MapPost("/", CreateAccountAsync).RequireAuthorization(AccountPolicies.Admin);
        accounts.MapGet("/", async (ClaimsPrincipal user, IAccountStore store, CancellationToken ct) =>
            TypedResults.Ok((await store.ListAccountsAsync(user.OrganisationId(), ct)).Select(a => AccountView.From(a))))
            .RequireAuthorization(AccountPolicies.Admin);
        accounts.MapGet("/{id}", GetAccountAsync).RequireAuthorization(AccountPolicies.Viewer);
        accounts.MapPost("/{id}/key", RotateKeyAsync).RequireAuthorization(AccountPolicies.Viewer);
        accounts.MapPost("/{id}/password", SetPasswordAsync).RequireAuthorization(AccountPolicies.Viewer);
        accounts.MapPost("/{id}/disable", (string id, ClaimsPrincipal user, IAccountStore store, CancellationToken ct) =>
            SetDisabledAsync(id, disabled: true, user, store, ct)).RequireAuthorization(AccountPolicies.Admin);
        accounts.MapPost("/{id}/enable", (string id, ClaimsPrincipal user, IAccountStore store, CancellationToken ct) =>
            SetDisabledAsync(id, disabled: false, user, store, ct)).RequireAuthorization(AccountPolicies.Admin);
        accounts.MapPost("/{id}/numbers", AddNumberAsync).RequireAuthorization(AccountPolicies.Viewer);
        accounts.MapPost("/{id}/numbers/verify", VerifyNumberAsync).RequireAuthorization(AccountPolicies.Viewer);
        return app;
    }

    private static async Task<IResult> CreateOrganisationAsync(CreateOrganisationRequest? request, IAccountStore store, TimeProvider clock, CancellationToken ct)
    {
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problem(StatusCodes.Status400BadRequest, $"An organisation needs a name of 1 to {MaxNameLength} characters.");
        }

        var countries = (request!.Countries ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (countries.Find(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)) is { } badCountry)
        {
            return Problem(StatusCodes.Status400BadRequest, $"\"{badCountry}\" is not a country code: use ISO 3166 alpha-2 codes such as TH or KH.");
        }

        var languages = (request.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (languages.Find(l => l.Length is < 2 or > 3 || !l.All(char.IsAsciiLetterLower)) is { } badLanguage)
        {
            return Problem(StatusCodes.Status400BadRequest, $"\"{badLanguage}\" is not a language code: use the codes of localization/, such as th, my or km.");
        }

        if (await store.FindOrganisationByNameAsync(name, ct) is not null)
        {
            return Problem(StatusCodes.Status409Conflict, $"An organisation named \"{name}\" exists already.");
        }

        var organisation = new Organisation { Id = AccountIds.NewOrganisationId(), Name = name, Countries = countries, Languages = languages, CreatedAt = clock.GetUtcNow() };
        try
        {
            await store.CreateOrganisationAsync(organisation, ct);
        }
        catch (InvalidOperationException e)
        {
            return Problem(StatusCodes.Status409Conflict, e.Message);
        }

        return TypedResults.Created($"/api/organisations/{organisation.Id}", OrganisationView.From(organisation));
    }

    private static async Task<IResult> CreateAccountAsync(CreateAccountRequest? request, ClaimsPrincipal user, IAccountStore store, TimeProvider clock, CancellationToken ct)
    {
        var organisationId = string.IsNullOrWhiteSpace(request?.OrganisationId) ? user.OrganisationId() : request.OrganisationId.Trim();
        if (organisationId != user.OrganisationId())
        {
            return Problem(StatusCodes.Status403Forbidden, "An admin makes accounts in their own organisation only; the first admin of another organisation is made with `gateway accounts create-admin`.");
        }

        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problem(StatusCodes.Status400BadRequest, $"An account needs a display name of 1 to {MaxNameLength} characters.");
        }

        if (!Roles.TryParse(request!.Role, out var role))
        {
            return Problem(StatusCodes.Status400BadRequest, "The role is one of viewer, responder, editor or admin.");
        }

        var languages = (request.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (languages.Find(l => l.Length is < 2 or > 3 || !l.All(char.IsAsciiLetterLower)) is { } badLanguage)
        {
            return Problem(StatusCodes.Status400BadRequest, $"\"{badLanguage}\" is not a language code: use the codes of localization/, such as th, my or km.");
        }

        var key = ApiKeys.New();
        var account = await store.CreateAccountAsync(new Account
        {
            Id = AccountIds.NewAccountId(),
            OrganisationId = organisationId,
            Name = name,
            Role = role,
            ApiKeyId = key.KeyId,
            ApiKeyHash = key.Hash,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = user.AccountId(),
            Languages = languages.Count > 0 ? languages : null,
        }, ct);
        return TypedResults.Created($"/api/accounts/{account.Id}", new NewKeyView(AccountView.From(account), key.Key, NewKeyView.KeepItSafe));
    }

    private static async Task<IResult> GetAccountAsync(string id, ClaimsPrincipal user, IAccountStore store, ResponderNumbers numbers, CancellationToken ct)
    {
        if (await ManagedAsync(id, user, store, ct) is not { } account)
        {
            return NotFound(id);
        }

        var list = await store.FindResponderNumbersAsync(account.Id, ct);
        return TypedResults.Ok(AccountView.From(account, [.. list.Select(n => NumberView.From(n, numbers.MaskedNumberOf(n)))]));
    }

    private static async Task<IResult> RotateKeyAsync(string id, ClaimsPrincipal user, IAccountStore store, CancellationToken ct)
    {
        if (await ManagedAsync(id, user, store, ct) is null)
        {
            return NotFound(id);
        }

        var key = ApiKeys.New();
        var account = await store.UpdateAccountAsync(id, a => a with { ApiKeyId = key.KeyId, ApiKeyHash = key.Hash }, ct);
        return account is null ? NotFound(id) : TypedResults.Ok(new NewKeyView(AccountView.From(account), key.Key, NewKeyView.KeepItSafe + " The previous key no longer works."));
    }

    /// <summary>
    /// Sets the account's console password (the account itself, or an admin of its organisation): it ends every
    /// console session of the account and clears a lock-out.
    /// </summary>
    private static async Task<IResult> SetPasswordAsync(string id, PasswordRequest? request, ClaimsPrincipal user, IAccountStore store, AccountPasswords passwords, CancellationToken ct)
    {
        if (await ManagedAsync(id, user, store, ct) is not { } account)
        {
            return NotFound(id);
        }

        var organisation = await store.FindOrganisationAsync(account.OrganisationId, ct);
        if (AccountPasswords.Problem(request?.Password, account.Id, account.Name, organisation?.Name) is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, problem);
        }

        var hash = passwords.Hash(account, request!.Password!);
        var saved = await store.UpdateAccountAsync(id, a => a.AfterSuccessfulSignIn() with { PasswordHash = hash }, ct);
        return saved is null ? NotFound(id) : TypedResults.Ok(AccountView.From(saved));
    }

    private static async Task<IResult> SetDisabledAsync(string id, bool disabled, ClaimsPrincipal user, IAccountStore store, CancellationToken ct)
    {
        if (await ManagedAsync(id, user, store, ct) is null)
        {
            return NotFound(id);
        }

        if (disabled && id == user.AccountId())
        {
            return Problem(StatusCodes.Status409Conflict, "An admin cannot disable their own account; ask another admin of the organisation.");
        }

        var account = await store.UpdateAccountAsync(id, a => a.Disabled == disabled ? null : a with { Disabled = disabled }, ct);
        return account is null ? NotFound(id) : TypedResults.Ok(AccountView.From(account));
    }

    private static async Task<IResult> AddNumberAsync(string id, NumberRequest? request, ClaimsPrincipal user, IAccountStore store, ResponderNumbers numbers, CancellationToken ct)
    {
        if (await ManagedAsync(id, user, store, ct) is not { } account)
        {
            return NotFound(id);
        }

        if (account.Disabled)
        {
            return Problem(StatusCodes.Status409Conflict, "This account is disabled; enable it before adding numbers.");
        }

        if (!account.Role.Allows(Role.Responder))
        {
            return Problem(StatusCodes.Status409Conflict, $"Only responder and admin accounts are paged; this account is a {account.Role.Name()}.");
        }

        var organisation = await store.FindOrganisationAsync(account.OrganisationId, ct);
        var result = await numbers.AddAsync(account, organisation, request?.Number, ct);
        return result.Outcome switch
        {
            NumberOutcome.CodeSent => TypedResults.Accepted($"/api/accounts/{account.Id}", NumberView.From(result.Number!, result.Masked!)),
            NumberOutcome.AlreadyVerified => TypedResults.Ok(NumberView.From(result.Number!, result.Masked!)),
            NumberOutcome.NotANumber => Problem(StatusCodes.Status400BadRequest, result.Error!),
            NumberOutcome.NotSent => Problem(StatusCodes.Status422UnprocessableEntity, result.Error!),
            _ => Problem(StatusCodes.Status409Conflict, result.Error ?? "The number could not be added."),
        };
    }

    private static async Task<IResult> VerifyNumberAsync(string id, VerifyRequest? request, ClaimsPrincipal user, IAccountStore store, ResponderNumbers numbers, CancellationToken ct)
    {
        if (await ManagedAsync(id, user, store, ct) is not { } account)
        {
            return NotFound(id);
        }

        var organisation = await store.FindOrganisationAsync(account.OrganisationId, ct);
        var result = await numbers.VerifyAsync(account, organisation, request?.Number, request?.Code, ct);
        return result.Outcome switch
        {
            NumberOutcome.Verified or NumberOutcome.AlreadyVerified => TypedResults.Ok(NumberView.From(result.Number!, result.Masked!)),
            NumberOutcome.WrongCode when result.Number is { } number => TypedResults.BadRequest(new CodeError(result.Error!, number.AttemptsLeft)),
            NumberOutcome.WrongCode or NumberOutcome.NotANumber => Problem(StatusCodes.Status400BadRequest, result.Error!),
            NumberOutcome.Locked => Problem(StatusCodes.Status429TooManyRequests, result.Error!),
            NumberOutcome.Expired => Problem(StatusCodes.Status410Gone, result.Error!),
            NumberOutcome.UnknownNumber => Problem(StatusCodes.Status404NotFound, result.Error!),
            _ => Problem(StatusCodes.Status409Conflict, result.Error!),
        };
    }

    /// <summary>The account if the signed-in account may manage it (itself, or as an admin of its organisation).</summary>
    private static async Task<Account?> ManagedAsync(string id, ClaimsPrincipal user, IAccountStore store, CancellationToken ct) =>
        await store.FindAccountAsync(id, ct) is { } account && user.MayManage(account) ? account : null;

    private static JsonHttpResult<ApiError> NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, $"No account {id} that you manage (an account manages itself; an admin, its organisation's).");

    private static JsonHttpResult<ApiError> Problem(int status, string error) => TypedResults.Json(new ApiError(error), statusCode: status);

    public sealed record CreateOrganisationRequest(string? Name, string[]? Countries, string[]? Languages);

    /// <param name="OrganisationId">The admin's own organisation; left out for it.</param>
    /// <param name="Name">The display name.</param>
    /// <param name="Role">viewer, responder, editor or admin.</param>
    /// <param name="Languages">The languages whose texts the account approves (reviewers); left out for any.</param>
    public sealed record CreateAccountRequest(string? OrganisationId, string? Name, string? Role, IReadOnlyList<string>? Languages = null);

    public sealed record NumberRequest(string? Number);

    public sealed record PasswordRequest(string? Password);

    public sealed record VerifyRequest(string? Number, string? Code);

    public sealed record OrganisationView(string Id, string Name, IReadOnlyList<string> Countries, IReadOnlyList<string> Languages, DateTimeOffset CreatedAt)
    {
        public static OrganisationView From(Organisation o) => new(o.Id, o.Name, o.Countries, o.Languages, o.CreatedAt);
    }

    /// <summary>An account as admins see it: never a key, a hash or a whole number.</summary>
    public sealed record AccountView(string Id, string OrganisationId, string Name, string Role, string ApiKeyId, bool Disabled, DateTimeOffset CreatedAt, IReadOnlyList<NumberView>? Numbers)
    {
        public static AccountView From(Account a, IReadOnlyList<NumberView>? numbers = null) =>
            new(a.Id, a.OrganisationId, a.Name, a.Role.Name(), a.ApiKeyId, a.Disabled, a.CreatedAt, numbers);
    }

    public sealed record NumberView(string Number, string ContactId, bool Verified, DateTimeOffset? VerifiedAt, DateTimeOffset? CodeExpiresAt, int? AttemptsLeft)
    {
        public static NumberView From(ResponderNumber n, string masked) =>
            new(masked, n.ContactId, n.Verified, n.VerifiedAt, n.Verified ? null : n.CodeExpiresAt, n.Verified || n.CodeHash is null ? null : n.AttemptsLeft);
    }

    /// <summary>A new API key, shown this once.</summary>
    public sealed record NewKeyView(AccountView Account, string ApiKey, string Warning)
    {
        public const string KeepItSafe = "This key is shown once: store it in a password manager or a secret store. The gateway keeps only its hash.";
    }

    public sealed record CodeError(string Error, int AttemptsLeft);
}
