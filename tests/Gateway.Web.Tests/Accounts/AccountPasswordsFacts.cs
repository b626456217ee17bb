using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Web.Accounts;

namespace Gateway.Web.Tests.Accounts;

/// <summary>The password policy: long enough, and not guessable by dictionaries, patterns or the account's own names.</summary>
public sealed partial class AccountPasswordsFacts
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password123!")]
    [InlineData("qwertyuiop12")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("iloveyou2024")]
    [InlineData("P@ssw0rd2024")]
    [InlineData("safemigration1")]
    [InlineData("hotline12345")]
    public void Problem_RefusesAGuessablePassword_WithASentence(string password)
    {
        var problem = AccountPasswords.Problem(password);

        Assert.NotNull(problem);
        Assert.StartsWith("This password is too easy to guess", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_RefusesThePasswordThatIsTheAccountsOwnName()
    {
        Assert.Null(AccountPasswords.Problem("Kanchanaburi desk"));
        Assert.NotNull(AccountPasswords.Problem("Kanchanaburi desk", "acc_p4m7x2kq9d", "Kanchanaburi desk", "Hope Shelter"));
        Assert.NotNull(AccountPasswords.Problem("acc_p4m7x2kq9d", "acc_p4m7x2kq9d", "Kanchanaburi desk", "Hope Shelter"));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("tamarind kite orbit pillow")]
    [InlineData("7Gq-2vLm-9xRt")]
    public void Problem_TakesAStrongPassword(string password) => Assert.Null(AccountPasswords.Problem(password));

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("           ")]
    public void Problem_RefusesAShortOrBlankPassword(string? password) =>
        Assert.Contains("at least 12 characters", AccountPasswords.Problem(password), StringComparison.Ordinal);

    [Fact]
    public async Task PasswordApi_RefusesAGuessablePassword_With400AndTheSentence()
    {
        using var factory = new GatewayFactory();
        var admin = await AccountSeed.AccountAsync(factory.Services, Role.Admin);
        using var api = admin.Client(factory);

        using var weak = await api.PostAsJsonAsync($"/api/accounts/{admin.Account.Id}/password", new { password = "Password1234!" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("too easy to guess", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var strong = await api.PostAsJsonAsync($"/api/accounts/{admin.Account.Id}/password", new { password = "walnut ferry lantern cobalt" });
        Assert.Equal(HttpStatusCode.OK, strong.StatusCode);
    }

    [Fact]
    public void EmbeddedAdmin_PrintsAPasswordThatPassesThePolicy()
    {
        using var factory = new GatewayFactory();
        _ = factory.Services;

        var line = Assert.Single(factory.Logs, l => l.Contains("EMBEDDED MODE: sign in to the console", StringComparison.Ordinal));
        var password = EmbeddedPassword().Match(line).Groups[1].Value;
        Assert.Equal(16, password.Length);
        Assert.Null(AccountPasswords.Problem(password, EmbeddedAdmin.AccountName, EmbeddedAdmin.OrganisationName));
    }

    [GeneratedRegex(@"with the password ([a-z2-7]+) \(")]
    private static partial Regex EmbeddedPassword();
}
