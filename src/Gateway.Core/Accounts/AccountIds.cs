namespace Gateway.Core.Accounts;

/// <summary>New ids for organisations and accounts: a prefix that says which, and 50 random bits.</summary>
public static class AccountIds
{
    public static string NewOrganisationId() => "org_" + Base32.Random(10)[..10];

    public static string NewAccountId() => "acc_" + Base32.Random(10)[..10];
}
