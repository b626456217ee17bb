namespace Gateway.Channels.BotFramework;

/// <summary>The token endpoint would not give the gateway a token; the message says why, for an operator.</summary>
public sealed class BotTokenException : Exception
{
    public BotTokenException()
    {
    }

    public BotTokenException(string message)
        : base(message)
    {
    }

    public BotTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the token endpoint answered, 0 when it could not be reached.</summary>
    public int Status { get; init; }
}
