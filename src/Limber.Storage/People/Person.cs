using Microsoft.AspNetCore.Identity;

namespace Limber.Storage;

/// <summary>
/// An account: the ASP.NET Core Identity user (e-mail, password hash, lockout, passkeys in
/// Identity's own tables) and the root every person-owned row hangs from. Deleting it deletes
/// everything of theirs: see <see cref="PersonData"/>.
/// </summary>
public sealed class Person : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}
