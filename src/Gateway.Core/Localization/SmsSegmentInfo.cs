namespace Gateway.Core.Localization;

/// <summary>
/// What a text costs as an SMS: the alphabet it travels in, how many segments the operator
/// bills, and its size in the alphabet's units.
/// </summary>
/// <param name="Encoding">GSM-7 when every character is in GSM 03.38, otherwise UCS-2.</param>
/// <param name="Segments">Segments sent (and billed); at least 1, even for an empty text.</param>
/// <param name="Units">
/// GSM-7 septets (an extension-table character such as <c>€</c> counts 2) or UTF-16 code units
/// (a character outside the BMP, such as an emoji, counts 2).
/// </param>
/// <example><c>SmsSegmentCalculator.Measure("Hi €5")</c> gives <c>(Gsm7, 1, 6)</c>.</example>
public readonly record struct SmsSegmentInfo(SmsEncoding Encoding, int Segments, int Units);
