using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// Pins ASP.NET Core Identity's tables to its version 3 shape (with passkeys). Identity picks
/// its table shapes from the host's <c>IdentityOptions.Stores</c> (schema version, key lengths)
/// while the model is built, and the design-time factories have no host at all: left alone,
/// the model would depend on how the web host configures Identity, and the migrations would
/// match only one of those configurations. Applied after Identity's own mapping, this gives
/// the same tables whatever the host chose.
/// </summary>
internal static class IdentitySchema
{
    // Identity's own defaults for version 2 and later.
    private const int KeyLength = 128;
    private const int PhoneNumberLength = 256;

    // WebAuthn credential ids are at most 1023 bytes.
    private const int CredentialIdLength = 1024;

    public static void PinVersion3(ModelBuilder builder)
    {
        builder.Entity<Person>(person =>
        {
            person.Property(p => p.PhoneNumber).HasMaxLength(PhoneNumberLength);
            person.HasMany<IdentityUserPasskey<Guid>>().WithOne().HasForeignKey(p => p.UserId).IsRequired();
        });
        builder.Entity<IdentityUserLogin<Guid>>(login =>
        {
            login.Property(l => l.LoginProvider).HasMaxLength(KeyLength);
            login.Property(l => l.ProviderKey).HasMaxLength(KeyLength);
        });
        builder.Entity<IdentityUserToken<Guid>>(token =>
        {
            token.Property(t => t.LoginProvider).HasMaxLength(KeyLength);
            token.Property(t => t.Name).HasMaxLength(KeyLength);
        });
        builder.Entity<IdentityUserPasskey<Guid>>(passkey =>
        {
            passkey.HasKey(p => p.CredentialId);
            passkey.ToTable("AspNetUserPasskeys");
            passkey.Property(p => p.CredentialId).HasMaxLength(CredentialIdLength);
            passkey.OwnsOne(p => p.Data).ToJson();
        });
    }
}
