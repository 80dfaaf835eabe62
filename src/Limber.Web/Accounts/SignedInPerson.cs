using System.Security.Claims;
using Limber.Storage;
using Microsoft.AspNetCore.Identity;

namespace Limber.Web.Accounts;

/// <summary>
/// The account behind a request, checked against the database every time: a deleted account, or one signed
/// out everywhere (its security stamp changed), is nobody, even with a token that has not expired yet.
/// </summary>
public sealed class SignedInPerson(SignInManager<Person> signIn)
{
    public async Task<Person?> FindAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.IsAuthenticated == true
            ? await signIn.ValidateSecurityStampAsync(principal)
            : null;
    }
}
