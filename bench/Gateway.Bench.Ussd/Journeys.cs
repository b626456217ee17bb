namespace Gateway.Bench.Ussd;

/// <summary>
/// What the simulated people do, one Africa's Talking session each: the answers they type after the dial. Each
/// journey starts from a phone the gateway has never seen, so it begins at the language menu.
/// </summary>
internal static class Journeys
{
    /// <summary>English: the work section, a topic, back to the menu, then a labour report to its end (stored).</summary>
    public static readonly string[] EnglishReport = ["1", "3", "1", "2", "5", "2", "2", "1", "1", "1", "2"];

    /// <summary>Burmese: before you go, a long topic paged with "0" to its end, back to the menu, then SOS as 99.</summary>
    public static readonly string[] BurmeseSos = ["2", "1", "1", "0", "0", "0", "0", "2", "99"];

    public static string[] For(int journey) => journey % 2 == 0 ? BurmeseSos : EnglishReport;
}
