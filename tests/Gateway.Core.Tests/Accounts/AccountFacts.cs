using Gateway.Core.Accounts;

namespace Gateway.Core.Tests.Accounts;

public class AccountFacts
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static Account New() => new()
    {
        Id = AccountIds.NewAccountId(),
        OrganisationId = AccountIds.NewOrganisationId(),
        Name = "Desk",
        Role = Role.Viewer,
        ApiKeyId = "abcdefgh",
        ApiKeyHash = "hash",
        CreatedAt = Now,
    };

    [Fact]
    public void AfterFailedSignIn_TheFifthInARow_LocksTheAccountForFifteenMinutes()
    {
        var account = New();
        for (var i = 0; i < Account.MaxFailedSignIns - 1; i++)
        {
            account = account.AfterFailedSignIn(Now);
            Assert.False(account.IsLockedOut(Now));
        }

        account = account.AfterFailedSignIn(Now);

        Assert.True(account.IsLockedOut(Now.AddMinutes(14)));
        Assert.False(account.IsLockedOut(Now.AddMinutes(15)));
        Assert.Equal(0, account.FailedSignIns);
    }

    [Fact]
    public void AfterSuccessfulSignIn_ClearsTheCountAndTheLock()
    {
        var account = New().AfterFailedSignIn(Now).AfterFailedSignIn(Now).AfterSuccessfulSignIn();

        Assert.Equal(0, account.FailedSignIns);
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public void Ids_SayWhatTheyAre_AndDoNotRepeat()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => AccountIds.NewAccountId()).ToList();

        Assert.All(ids, id => Assert.Matches("^acc_[a-z2-7]{10}$", id));
        Assert.Matches("^org_[a-z2-7]{10}$", AccountIds.NewOrganisationId());
        Assert.Equal(1000, ids.Distinct().Count());
    }
}
