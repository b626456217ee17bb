namespace Gateway.Core.Accounts;

/// <summary>What an account may do within its own organisation. See <see cref="Roles.Allows"/> for the matrix.</summary>
public enum Role
{
    Viewer,
    Responder,
    Editor,
    Admin,
}

/// <summary>Helpers for <see cref="Role"/>: the permission matrix, and the lowercase names used in claims, JSON and the CLI.</summary>
public static class Roles
{
    /// <summary>Every role, lowest first.</summary>
    public static IReadOnlyList<Role> All { get; } = [Role.Viewer, Role.Responder, Role.Editor, Role.Admin];

    /// <summary>
    /// Whether an account holding <paramref name="role"/> may do what needs <paramref name="required"/>. The roles
    /// are not a ladder: an editor changes content but never acts on a report, and a responder acts on reports but
    /// never edits content.
    /// <code>
    /// holder \ needs   viewer  responder  editor  admin
    /// viewer            yes      -          -       -
    /// responder         yes      yes        -       -
    /// editor            yes      -          yes     -
    /// admin             yes      yes        yes     yes
    /// </code>
    /// Viewer: reads its organisation's reports and their timelines. Responder: also acknowledges, comments on and
    /// resolves them, and is paged on its verified numbers. Editor: also edits flows, texts and the directory.
    /// Admin: everything, including accounts, API keys and responder numbers of its organisation.
    /// </summary>
    public static bool Allows(this Role role, Role required) =>
        role == Role.Admin || role == required || required == Role.Viewer;

    /// <summary>The roles that allow <paramref name="required"/>; e.g. for <see cref="Role.Responder"/>, responder and admin.</summary>
    public static IReadOnlyList<Role> Allowing(Role required) => [.. All.Where(r => r.Allows(required))];

    /// <summary>The lowercase name: "viewer", "responder", "editor", "admin".</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Responder => "responder",
        Role.Editor => "editor",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>Reads a role's name, in any case; false for anything else (numbers included).</summary>
    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
