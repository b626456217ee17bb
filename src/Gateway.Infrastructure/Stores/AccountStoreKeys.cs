using System.Text;

namespace Gateway.Infrastructure.Stores;

/// <summary>What the account stores share: how organisation names are compared.</summary>
internal static class AccountStoreKeys
{
    /// <summary>A name as it is compared: trimmed, NFC, lowercase ("Hope Shelter " and "hope shelter" are one).</summary>
    public static string NameKey(string name) =>
        (name ?? string.Empty).Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
