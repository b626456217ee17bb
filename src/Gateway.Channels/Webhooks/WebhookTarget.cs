namespace Gateway.Channels.Webhooks;

/// <summary>
/// A hotline's system that takes pages by webhook: where to POST, the secrets to sign with (more than one while a
/// secret rotates) and how long to wait for its answer before counting the attempt as timed out.
/// </summary>
public sealed record WebhookTarget(string Name, Uri Url, IReadOnlyList<string> Secrets, TimeSpan Timeout)
{
    // The secrets stay out of anything that prints this record.
    public override string ToString() => $"WebhookTarget {{ Name = {Name}, Url = {Url.GetLeftPart(UriPartial.Path)}, Secrets = {Secrets.Count}, Timeout = {Timeout} }}";
}
