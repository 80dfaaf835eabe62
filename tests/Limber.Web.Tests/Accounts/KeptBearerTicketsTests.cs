using System.Security.Claims;
using Limber.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// Access tokens are decrypted once per node and kept: what comes back is the same ticket as decrypting gives, a
/// fresh copy each time, and nothing a request does to its copy reaches the next. The checks after decrypting (expiry,
/// security stamp) are the bearer handler's and <see cref="SignedInPerson"/>'s; AuthApiTests shows signing out
/// everywhere still ends the same token at once.
/// </summary>
public sealed class KeptBearerTicketsTests
{
    private static readonly TicketDataFormat Format = new(new EphemeralDataProtectionProvider().CreateProtector("kept-bearer-tickets-tests"));

    private static AuthenticationTicket Ticket(DateTimeOffset? expires, string id = "person-1")
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim("AspNet.Identity.SecurityStamp", "s1")], "Identity.Bearer"));
        return new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expires }, IdentityConstants.BearerScheme);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    [Fact]
    public void A_kept_token_gives_the_ticket_decrypting_gives_as_a_fresh_copy_each_time()
    {
        using var kept = new KeptBearerTickets(Format);
        var expires = WholeSeconds(DateTimeOffset.UtcNow.AddHours(1));   // tickets keep times to the second
        var token = kept.Protect(Ticket(expires));

        var first = kept.Unprotect(token)!;
        first.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("person-1");
        first.Properties.ExpiresUtc.ShouldBe(expires);

        // What one request adds to its copy, the next does not see.
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added", "by a request"));
        first.Properties.Items["added"] = "by a request";
        var second = kept.Unprotect(token)!;
        second.ShouldNotBeSameAs(first);
        second.Principal.ShouldNotBeSameAs(first.Principal);
        second.Principal.HasClaim(c => c.Type == "added").ShouldBeFalse();
        second.Properties.Items.ContainsKey("added").ShouldBeFalse();
        second.Principal.FindFirstValue("AspNet.Identity.SecurityStamp").ShouldBe("s1");
        second.AuthenticationScheme.ShouldBe(IdentityConstants.BearerScheme);
    }

    [Fact]
    public void Tokens_that_do_not_decrypt_stay_refused_and_each_token_keeps_its_own_ticket()
    {
        using var kept = new KeptBearerTickets(Format);
        var one = kept.Protect(Ticket(DateTimeOffset.UtcNow.AddHours(1), "one"));
        var two = kept.Protect(Ticket(DateTimeOffset.UtcNow.AddHours(1), "two"));
        kept.Unprotect(one)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("one");
        kept.Unprotect(two)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("two");

        kept.Unprotect(one[..^4] + "AAAA").ShouldBeNull("a token changed in transit");
        kept.Unprotect("not-a-token").ShouldBeNull();
        kept.Unprotect(null).ShouldBeNull();
        kept.Unprotect(one, "another purpose").ShouldBeNull("kept under its purpose, not for any purpose");
        kept.Unprotect(one)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier).ShouldBe("one");
    }

    [Fact]
    public void An_expired_ticket_comes_back_with_its_expiry_for_the_handler_to_refuse()
    {
        using var kept = new KeptBearerTickets(Format);
        var past = WholeSeconds(DateTimeOffset.UtcNow.AddMinutes(-1));
        var token = kept.Protect(Ticket(past));
        kept.Unprotect(token)!.Properties.ExpiresUtc.ShouldBe(past);
        kept.Unprotect(token)!.Properties.ExpiresUtc.ShouldBe(past);
    }

    [Fact]
    public void The_app_keeps_access_tokens_only_never_refresh_tokens()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
        KeptBearerTickets.Register(services);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        options.BearerTokenProtector.ShouldBeOfType<KeptBearerTickets>();
        options.RefreshTokenProtector.ShouldNotBeOfType<KeptBearerTickets>();
    }
}
