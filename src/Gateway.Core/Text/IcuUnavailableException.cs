namespace Gateway.Core.Text;

/// <summary>
/// Thrown when a conversion needs ICU's transliterators and the machine has no usable ICU
/// (libicui18n 58 or later, the first version with the Zawgyi transliterators).
/// The message is written for the operator who has to install it.
/// </summary>
public sealed class IcuUnavailableException : Exception
{
    public IcuUnavailableException()
        : this("ICU (libicui18n, version 58 or later) was not found.")
    {
    }

    public IcuUnavailableException(string message)
        : base(message)
    {
    }

    public IcuUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
