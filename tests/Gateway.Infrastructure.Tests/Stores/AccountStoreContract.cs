using Gateway.Core.Accounts;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every account store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class AccountStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    protected abstract IAccountStore Store { get; }

    /// <summary>A name no other test (sharing the Redis store) uses.</summary>
    private static string UniqueName(string name) => $"{name} {Guid.NewGuid():N}";

    private async Task<Organisation> NewOrganisationAsync(string? name = null)
    {
        var organisation = new Organisation
        {
            Id = AccountIds.NewOrganisationId(),
            Name = name ?? UniqueName("Hope Shelter"),
            Countries = ["TH", "KH"],
            Languages = ["th", "km", "en"],
            CreatedAt = At,
        };
        await Store.CreateOrganisationAsync(organisation);
        return organisation;
    }

    private static Account NewAccount(string organisationId, Role role = Role.Responder, DateTimeOffset? createdAt = null)
    {
        var key = ApiKeys.New();
        return new Account
        {
            Id = AccountIds.NewAccountId(),
            OrganisationId = organisationId,
            Name = "Night desk",
            Role = role,
            ApiKeyId = key.KeyId,
            ApiKeyHash = key.Hash,
            CreatedAt = createdAt ?? At,
        };
    }

    private static ResponderNumber NewNumber(string accountId, string? contactId = null, DateTimeOffset? addedAt = null) => new()
    {
        AccountId = accountId,
        ContactId = contactId ?? "contact-" + Guid.NewGuid().ToString("N"),
        EncryptedNumber = "c2VhbGVkIG51bWJlcg==",
        CodeHash = "hash-of-the-code",
        CodeExpiresAt = At + ResponderNumber.CodeLifetime,
        AddedAt = addedAt ?? At,
    };

    private static void SameOrganisation(Organisation expected, Organisation? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Countries, actual.Countries);
        Assert.Equal(expected.Languages, actual.Languages);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
    }

    [Fact]
    public async Task CreateOrganisation_StoresIt_AndFindReadsItBack_ByIdAndByNameInAnyCase()
    {
        var organisation = await NewOrganisationAsync();

        SameOrganisation(organisation, await Store.FindOrganisationAsync(organisation.Id));
        SameOrganisation(organisation, await Store.FindOrganisationByNameAsync("  " + organisation.Name.ToUpperInvariant() + " "));
        Assert.Null(await Store.FindOrganisationAsync(AccountIds.NewOrganisationId()));
        Assert.Null(await Store.FindOrganisationByNameAsync(UniqueName("Nobody")));
    }

    [Fact]
    public async Task CreateOrganisation_Refuses_ATakenIdOrName()
    {
        var organisation = await NewOrganisationAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateOrganisationAsync(organisation with { Name = UniqueName("Other") }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateOrganisationAsync(organisation with { Id = AccountIds.NewOrganisationId(), Name = organisation.Name.ToLowerInvariant() }));
    }

    [Fact]
    public async Task ListOrganisations_HoldsEveryOrganisation_OldestFirst()
    {
        var first = await NewOrganisationAsync();
        var second = await NewOrganisationAsync();

        var ids = (await Store.ListOrganisationsAsync()).Select(o => o.Id).ToList();

        Assert.Contains(first.Id, ids);
        Assert.Contains(second.Id, ids);
        var all = await Store.ListOrganisationsAsync();
        Assert.Equal(all.OrderBy(o => o.CreatedAt).Select(o => o.Id), all.Select(o => o.Id));
        Assert.Empty((await Store.FindOrganisationAsync(first.Id))!.Countries.Except(["TH", "KH"]));
    }

    [Fact]
    public async Task CreateAccount_StoresItAtVersionOne_FoundByIdAndByApiKeyId()
    {
        var organisation = await NewOrganisationAsync();
        var account = NewAccount(organisation.Id, Role.Admin) with { PasswordHash = "AQAAAAIAAYagAAAAE-not-a-real-hash", LockedUntil = At.AddMinutes(5), FailedSignIns = 2 };

        var created = await Store.CreateAccountAsync(account);

        Assert.Equal(account with { Version = 1 }, created);
        Assert.Equal(created, await Store.FindAccountAsync(account.Id));
        Assert.Equal(created, await Store.FindByApiKeyIdAsync(account.ApiKeyId));
        Assert.Null(await Store.FindByApiKeyIdAsync(ApiKeys.New().KeyId));
        Assert.Null(await Store.FindAccountAsync(AccountIds.NewAccountId()));
    }

    [Fact]
    public async Task CreateAccount_KeepsWhoMadeIt_AndTheLanguagesItReviews()
    {
        var organisation = await NewOrganisationAsync();
        var admin = await Store.CreateAccountAsync(NewAccount(organisation.Id, Role.Admin));
        var reviewer = NewAccount(organisation.Id, Role.Editor) with { CreatedBy = admin.Id, Languages = ["my", "shn"] };

        await Store.CreateAccountAsync(reviewer);
        var found = await Store.FindAccountAsync(reviewer.Id);

        Assert.Equal(admin.Id, found!.CreatedBy);
        Assert.Equal(["my", "shn"], found.Languages);
        Assert.Null((await Store.FindAccountAsync(admin.Id))!.CreatedBy);
        var renamed = await Store.UpdateAccountAsync(reviewer.Id, a => a with { Name = "Burmese reviewer" });
        Assert.Equal((admin.Id, "my,shn"), (renamed!.CreatedBy, string.Join(',', renamed.Languages!)));
    }

    [Fact]
    public async Task CreateAccount_Refuses_AnUnknownOrganisation_ATakenIdOrATakenKeyId()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAccountAsync(NewAccount(AccountIds.NewOrganisationId())));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAccountAsync(NewAccount(organisation.Id) with { Id = account.Id }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAccountAsync(NewAccount(organisation.Id) with { ApiKeyId = account.ApiKeyId }));
        Assert.Single(await Store.ListAccountsAsync(organisation.Id));
    }

    [Fact]
    public async Task ListAccounts_HoldsTheOrganisationsAccountsOnly_OldestFirst()
    {
        var mine = await NewOrganisationAsync();
        var theirs = await NewOrganisationAsync();
        var later = await Store.CreateAccountAsync(NewAccount(mine.Id, createdAt: At.AddHours(1)));
        var earlier = await Store.CreateAccountAsync(NewAccount(mine.Id, Role.Viewer, At));
        await Store.CreateAccountAsync(NewAccount(theirs.Id));

        Assert.Equal([earlier.Id, later.Id], (await Store.ListAccountsAsync(mine.Id)).Select(a => a.Id));
        Assert.Empty(await Store.ListAccountsAsync(AccountIds.NewOrganisationId()));
    }

    [Fact]
    public async Task UpdateAccount_SavesOverTheVersionItWasReadAt_AndRefusesAStaleCopy()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));

        var saved = await Store.UpdateAccountAsync(account with { FailedSignIns = 1 });
        var stale = await Store.UpdateAccountAsync(account with { Disabled = true });

        Assert.Equal(2, saved!.Version);
        Assert.Null(stale);
        var stored = await Store.FindAccountAsync(account.Id);
        Assert.Equal(1, stored!.FailedSignIns);
        Assert.False(stored.Disabled);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task UpdateAccount_WithANewKey_MovesTheKeyIndex_SoTheOldKeyIsNotFoundAnyMore()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var key = ApiKeys.New();

        await Store.UpdateAccountAsync(account with { ApiKeyId = key.KeyId, ApiKeyHash = key.Hash });

        Assert.Null(await Store.FindByApiKeyIdAsync(account.ApiKeyId));
        Assert.Equal(key.Hash, (await Store.FindByApiKeyIdAsync(key.KeyId))!.ApiKeyHash);
    }

    [Fact]
    public async Task UpdateAccount_Refuses_AMoveToAnotherOrganisation_AKeyIdOfAnotherAccount_AndAnUnknownAccount()
    {
        var organisation = await NewOrganisationAsync();
        var other = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var neighbour = await Store.CreateAccountAsync(NewAccount(organisation.Id));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateAccountAsync(account with { OrganisationId = other.Id }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateAccountAsync(account with { ApiKeyId = neighbour.ApiKeyId }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdateAccountAsync(NewAccount(organisation.Id) with { Version = 1 }));
        Assert.Equal(neighbour.Id, (await Store.FindByApiKeyIdAsync(neighbour.ApiKeyId))!.Id);
        Assert.Equal(account, await Store.FindAccountAsync(account.Id));
    }

    [Fact]
    public async Task UpdateAccountExtension_LosesNoChange_WhenManyWritersCountAtOnce()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.UpdateAccountAsync(account.Id, a => a with { FailedSignIns = a.FailedSignIns + 1 }))));

        var stored = await Store.FindAccountAsync(account.Id);
        Assert.Equal(20, stored!.FailedSignIns);
        Assert.Equal(21, stored.Version);
    }

    [Fact]
    public async Task AddResponderNumber_StoresItAtVersionOne_OncePerContact()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var number = NewNumber(account.Id);

        Assert.True(await Store.AddResponderNumberAsync(number));
        Assert.False(await Store.AddResponderNumberAsync(number with { EncryptedNumber = "b3RoZXI=" }));

        Assert.Equal([number with { Version = 1 }], await Store.FindResponderNumbersAsync(account.Id));
        Assert.Empty(await Store.FindResponderNumbersAsync(AccountIds.NewAccountId()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AddResponderNumberAsync(NewNumber(AccountIds.NewAccountId())));
    }

    [Fact]
    public async Task FindResponderNumbers_ListsAnAccountsNumbers_EarliestAddedFirst()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var second = NewNumber(account.Id, addedAt: At.AddMinutes(2));
        var first = NewNumber(account.Id, addedAt: At.AddMinutes(1));
        await Store.AddResponderNumberAsync(second);
        await Store.AddResponderNumberAsync(first);

        Assert.Equal([first.ContactId, second.ContactId], (await Store.FindResponderNumbersAsync(account.Id)).Select(n => n.ContactId));
    }

    [Fact]
    public async Task FindAccountsByResponderContact_FindsOnlyAccountsWhoseNumberIsVerified()
    {
        var organisation = await NewOrganisationAsync();
        var verifiedOwner = await Store.CreateAccountAsync(NewAccount(organisation.Id, createdAt: At));
        var pendingOwner = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var contactId = "contact-" + Guid.NewGuid().ToString("N");
        await Store.AddResponderNumberAsync(NewNumber(verifiedOwner.Id, contactId));
        await Store.AddResponderNumberAsync(NewNumber(pendingOwner.Id, contactId));

        Assert.Empty(await Store.FindAccountsByResponderContactAsync(contactId));

        var pending = (await Store.FindResponderNumbersAsync(verifiedOwner.Id)).Single();
        var saved = await Store.SaveResponderNumberAsync(pending with { Verified = true, VerifiedAt = At, CodeHash = null, CodeExpiresAt = null });

        Assert.Equal(2, saved!.Version);
        Assert.Equal([verifiedOwner.Id], (await Store.FindAccountsByResponderContactAsync(contactId)).Select(a => a.Id));
        Assert.Empty(await Store.FindAccountsByResponderContactAsync("contact-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task FindAccountsByResponderContact_FindsEveryAccountSharingADeskPhone_ButNoDisabledOne()
    {
        var organisation = await NewOrganisationAsync();
        var contactId = "contact-" + Guid.NewGuid().ToString("N");
        var accounts = new List<Account>();
        for (var i = 0; i < 3; i++)
        {
            var account = await Store.CreateAccountAsync(NewAccount(organisation.Id, createdAt: At.AddMinutes(i)));
            accounts.Add(account);
            await Store.AddResponderNumberAsync(NewNumber(account.Id, contactId) with { Verified = true, VerifiedAt = At, CodeHash = null });
        }

        await Store.UpdateAccountAsync(accounts[1] with { Disabled = true });

        Assert.Equal([accounts[0].Id, accounts[2].Id], (await Store.FindAccountsByResponderContactAsync(contactId)).Select(a => a.Id));
    }

    [Fact]
    public async Task SaveResponderNumber_Unverified_RemovesItFromTheResponderIndex()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var number = NewNumber(account.Id) with { Verified = true, VerifiedAt = At };
        await Store.AddResponderNumberAsync(number);
        Assert.Single(await Store.FindAccountsByResponderContactAsync(number.ContactId));

        await Store.SaveResponderNumberAsync(number with { Version = 1, Verified = false, VerifiedAt = null });

        Assert.Empty(await Store.FindAccountsByResponderContactAsync(number.ContactId));
    }

    [Fact]
    public async Task SaveResponderNumber_RefusesAStaleCopy_AndANumberTheAccountDoesNotHave()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var number = NewNumber(account.Id);
        await Store.AddResponderNumberAsync(number);
        var read = (await Store.FindResponderNumbersAsync(account.Id)).Single();

        Assert.NotNull(await Store.SaveResponderNumberAsync(read with { CodeAttempts = 1 }));
        Assert.Null(await Store.SaveResponderNumberAsync(read with { Verified = true }));
        Assert.Null(await Store.SaveResponderNumberAsync(NewNumber(account.Id) with { Version = 1 }));

        var stored = (await Store.FindResponderNumbersAsync(account.Id)).Single();
        Assert.Equal(1, stored.CodeAttempts);
        Assert.False(stored.Verified);
        Assert.Empty(await Store.FindAccountsByResponderContactAsync(number.ContactId));
    }

    [Fact]
    public async Task UpdateResponderNumberExtension_CountsEveryWrongCode_WhenGuessesArriveAtOnce()
    {
        var organisation = await NewOrganisationAsync();
        var account = await Store.CreateAccountAsync(NewAccount(organisation.Id));
        var number = NewNumber(account.Id);
        await Store.AddResponderNumberAsync(number);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            (await Store.UpdateResponderNumberAsync(account.Id, number.ContactId, n =>
            {
                var (next, outcome) = n.CheckCode("a-wrong-hash", At);
                return (ReferenceEquals(next, n) ? null : next, outcome);
            }))!.Value.Result)));

        Assert.Equal(4, outcomes.Count(o => o == CodeCheck.Wrong));
        Assert.Equal(4, outcomes.Count(o => o == CodeCheck.Locked));
        Assert.Equal(ResponderNumber.MaxCodeAttempts, (await Store.FindResponderNumbersAsync(account.Id)).Single().CodeAttempts);
        Assert.Null(await Store.UpdateResponderNumberAsync(account.Id, "contact-unknown", n => (n, 0)));
    }
}
