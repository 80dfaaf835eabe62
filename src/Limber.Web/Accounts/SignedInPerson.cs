using System.Security.Claims;
using Limber.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Limber.Web.Accounts;

/// <summary>The account behind a request, as checked against the database for this request.</summary>
/// <param name="Id">The person's id.</param>
/// <param name="DataStamp">Their <see cref="Person.DataStamp"/> as the check read it.</param>
public sealed record SignedInAccount(Guid Id, long DataStamp);

/// <summary>
/// The account behind a request, checked against the database every time: a deleted account, or one signed out
/// everywhere (its security stamp changed), is nobody, even with a token that has not expired yet. The same test as
/// Identity's <see cref="SignInManager{TUser}.ValidateSecurityStampAsync(ClaimsPrincipal)"/>, reading two columns
/// instead of the whole person; endpoints that need more of the person load it themselves.
/// </summary>
public sealed class SignedInPerson(DataStamps stamps, LimberDbContext db, IOptions<IdentityOptions> identity)
{
    public async Task<SignedInAccount?> FindAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = identity.Value.ClaimsIdentity;
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var id))
        {
            return null;
        }
        return await stamps.SignedInAsync(id, principal.FindFirstValue(claims.SecurityStampClaimType), ct) is { } stamp
            ? new SignedInAccount(id, stamp)
            : null;
    }

    /// <summary>
    /// The whole person behind a request, after the same check, for the few places that need more than the id (the
    /// account page, Identity's own operations). Tracked, so Identity's managers change this very entity.
    /// </summary>
    public async Task<Person?> FindPersonAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        await FindAsync(principal, ct) is { } account ? await db.Users.FindAsync([account.Id], ct) : null;
}
