using System.Security.Cryptography;
using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Gateway.Cli;

/// <summary>
/// The console password of an admin made by <c>accounts create-admin</c>, so that the first admin signs in to
/// <c>/console</c> at once: random, printed once, stored only as the hash the console checks (ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/>, PBKDF2 with the iteration count inside the hash, as the gateway's
/// own AccountPasswords makes it). The admin changes it at <c>/console/account</c>.
/// </summary>
internal static class ConsolePassword
{
    /// <summary>Letters and digits that cannot be mistaken for one another when copied by hand.</summary>
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>20 characters from 31: about 99 bits.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 20);

    public static string Hash(Account account, string password) => new PasswordHasher<Account>().HashPassword(account, password);
}
