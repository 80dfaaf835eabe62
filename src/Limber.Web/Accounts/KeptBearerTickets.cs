using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Limber.Web.Accounts;

/// <summary>
/// The API's access tokens, each decrypted once per node and then kept until it expires (at most
/// <see cref="LongestKept"/>): an app calls with the same token again and again, and decrypting it (key derivation,
/// HMAC, AES) was a sixth of a signed-in request. Only the decryption is kept. Every request still checks the expiry
/// (the bearer handler) and the account's security stamp (<see cref="SignedInPerson"/>), so signing out everywhere
/// still ends a token at once. Refresh tokens are not kept. Each request gets its own copy of the ticket.
/// </summary>
public sealed class KeptBearerTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>How many tokens one node keeps decrypted; beyond it the cache makes room.</summary>
    public const int MostKept = 4096;

    /// <summary>The longest a decrypted token is kept, even when it is valid for longer.</summary>
    public static readonly TimeSpan LongestKept = TimeSpan.FromMinutes(5);

    private readonly MemoryCache kept = new(new MemoryCacheOptions { SizeLimit = MostKept });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        var key = (protectedText, purpose);
        if (kept.TryGetValue(key, out AuthenticationTicket? ticket) && ticket is not null)
        {
            return Copy(ticket);
        }
        ticket = inner.Unprotect(protectedText, purpose);
        if (ticket?.Properties.ExpiresUtc is { } expires)
        {
            // The cache's own clock (the system's); the bearer handler judges the expiry by the app's clock.
            var until = DateTimeOffset.UtcNow + LongestKept;
            kept.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = expires < until ? expires : until, Size = 1 });
        }
        return ticket is null ? null : Copy(ticket);
    }

    public void Dispose() => kept.Dispose();

    // The handler and the rest of the request may add to the principal or the properties: never to the kept one.
    // (ClaimsPrincipal.Clone shares the identities, so each identity is cloned here.)
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(new System.Security.Claims.ClaimsPrincipal(ticket.Principal.Identities.Select(i => i.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    /// <summary>Wraps the access-token format of Identity's bearer scheme, after the bearer scheme has set it up.</summary>
    internal static void Register(IServiceCollection services) =>
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, KeepAccessTokens>();

    private sealed class KeepAccessTokens : IPostConfigureOptions<BearerTokenOptions>
    {
        public void PostConfigure(string? name, BearerTokenOptions options)
        {
            if (name == IdentityConstants.BearerScheme && options.BearerTokenProtector is { } format and not KeptBearerTickets)
            {
                options.BearerTokenProtector = new KeptBearerTickets(format);
            }
        }
    }
}
