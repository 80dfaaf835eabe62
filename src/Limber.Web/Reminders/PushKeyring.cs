using System.Buffers.Text;
using Limber.Storage;
using Limber.Web.Reminders.WebPush;
using Microsoft.AspNetCore.DataProtection;

namespace Limber.Web.Reminders;

/// <summary>
/// The application server's VAPID key pair, made on first use and kept in the database (the private key encrypted with
/// the data-protection keys), so every app instance and every restart signs with the same pair and browsers' existing
/// subscriptions stay valid.
/// </summary>
public sealed class PushKeyring(IServiceScopeFactory scopes, IDataProtectionProvider protection) : IDisposable
{
    private const string Purpose = "Limber.Reminders.VapidPrivateKey";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VapidKeys? _keys;

    public async Task<VapidKeys> KeysAsync(CancellationToken ct)
    {
        if (_keys is { } known)
        {
            return known;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_keys is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var records = scope.ServiceProvider.GetRequiredService<PushDeviceRecords>();
                var stored = await records.FindVapidKeyAsync(ct);
                if (stored is null)
                {
                    using var fresh = VapidKeys.Generate();
                    stored = await records.AddVapidKeyOnceAsync(new VapidKey
                    {
                        PublicKey = fresh.PublicKeyBase64Url,
                        PrivateKeyProtected = Protector.Protect(Base64Url.EncodeToString(fresh.ExportPrivateKey())),
                    }, ct);
                }
                _keys = VapidKeys.Import(
                    Base64Url.DecodeFromChars(stored.PublicKey),
                    Base64Url.DecodeFromChars(Protector.Unprotect(stored.PrivateKeyProtected)));
            }
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    public void Dispose()
    {
        _keys?.Dispose();
        _gate.Dispose();
    }
}
