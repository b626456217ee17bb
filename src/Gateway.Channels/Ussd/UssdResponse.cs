namespace Gateway.Channels.Ussd;

/// <summary>
/// The screen to show, and whether it ends the session (the person can no longer answer) or waits for an answer.
/// The text already fits one USSD screen: the flow engine pages long texts behind "0. More".
/// </summary>
public sealed record UssdResponse(string Text, bool Ends);
