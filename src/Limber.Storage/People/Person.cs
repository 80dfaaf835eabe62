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

    /// <summary>
    /// Changes whenever any row of this person's data is added, changed or removed, in the same transaction (see
    /// <see cref="LimberDbContext"/>'s SaveChanges): what is planned from their data may be kept while it is unchanged.
    /// A random value, not a count, so that a node can set it on the entity it holds without reading it back.
    /// </summary>
    public long DataStamp { get; set; }
}
