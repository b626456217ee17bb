using Gateway.Core.Accounts;

namespace Gateway.Core.Tests.Accounts;

public class RoleFacts
{
    // The matrix of Roles.Allows's documentation, row by row: holder, then viewer, responder, editor, admin.
    [Theory]
    [InlineData(Role.Viewer, true, false, false, false)]
    [InlineData(Role.Responder, true, true, false, false)]
    [InlineData(Role.Editor, true, false, true, false)]
    [InlineData(Role.Admin, true, true, true, true)]
    public void Allows_FollowsTheDocumentedMatrix(Role holder, bool viewer, bool responder, bool editor, bool admin)
    {
        Assert.Equal(viewer, holder.Allows(Role.Viewer));
        Assert.Equal(responder, holder.Allows(Role.Responder));
        Assert.Equal(editor, holder.Allows(Role.Editor));
        Assert.Equal(admin, holder.Allows(Role.Admin));
    }

    [Fact]
    public void Allowing_ListsTheRolesThatAllowARole()
    {
        Assert.Equal([Role.Viewer, Role.Responder, Role.Editor, Role.Admin], Roles.Allowing(Role.Viewer));
        Assert.Equal([Role.Responder, Role.Admin], Roles.Allowing(Role.Responder));
        Assert.Equal([Role.Editor, Role.Admin], Roles.Allowing(Role.Editor));
        Assert.Equal([Role.Admin], Roles.Allowing(Role.Admin));
    }

    [Theory]
    [InlineData("viewer", Role.Viewer)]
    [InlineData("Responder", Role.Responder)]
    [InlineData(" EDITOR ", Role.Editor)]
    [InlineData("admin", Role.Admin)]
    public void TryParse_ReadsANameInAnyCase(string text, Role expected)
    {
        Assert.True(Roles.TryParse(text, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(text.Trim().ToLowerInvariant(), role.Name());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("owner")]
    public void TryParse_Refuses_AnythingElse(string? text) =>
        Assert.False(Roles.TryParse(text, out _));
}
