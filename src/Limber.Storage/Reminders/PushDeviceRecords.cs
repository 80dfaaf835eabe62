using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>A browser's push subscription as the page sends it.</summary>
public sealed record NewPushDevice(string Endpoint, string P256dh, string Auth, string Label);

/// <summary>The browsers where a person turned notifications on, and the application server's VAPID key pair.</summary>
public sealed class PushDeviceRecords(LimberDbContext db, TimeProvider time)
{
    /// <summary>
    /// Adds the device, or updates it when its endpoint is known (a browser subscribes again with new keys). An endpoint
    /// that belonged to another account moves to this one: the browser now notifies whoever is signed in on it.
    /// </summary>
    public async Task<PushDevice> AddAsync(Guid personId, NewPushDevice device, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        try
        {
            var row = await db.PushDevices.SingleOrDefaultAsync(d => d.Endpoint == device.Endpoint, ct);
            if (row is not null && row.PersonId != personId)
            {
                db.PushDevices.Remove(row);
                await db.SaveChangesAsync(ct);
                row = null;
            }
            row ??= db.PushDevices.Add(new PushDevice
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                Endpoint = device.Endpoint,
                P256dh = device.P256dh,
                Auth = device.Auth,
                Label = device.Label,
                CreatedAt = StoredTime.Now(time),
            }).Entity;
            row.P256dh = device.P256dh;
            row.Auth = device.Auth;
            row.Label = device.Label;
            row.Failures = 0;
            await db.SaveChangesAsync(ct);
            return row;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<PushDevice>> ListAsync(Guid personId, CancellationToken ct = default) =>
        await db.PushDevices.AsNoTracking().Where(d => d.PersonId == personId).OrderBy(d => d.CreatedAt).ToListAsync(ct);

    /// <summary>Removes one of the person's devices; false when they have no such device.</summary>
    public async Task<bool> RemoveAsync(Guid personId, Guid id, CancellationToken ct = default) =>
        await db.PushDevices.Where(d => d.PersonId == personId && d.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Removes a device by its endpoint, for a browser that turned notifications off.</summary>
    public async Task<bool> RemoveEndpointAsync(Guid personId, string endpoint, CancellationToken ct = default) =>
        await db.PushDevices.Where(d => d.PersonId == personId && d.Endpoint == endpoint).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The push service says the subscription is gone (404, 410): it will never deliver again.</summary>
    public Task GoneAsync(Guid id, CancellationToken ct = default) =>
        db.PushDevices.Where(d => d.Id == id).ExecuteDeleteAsync(ct);

    public Task DeliveredAsync(Guid id, CancellationToken ct = default)
    {
        var now = StoredTime.Now(time);
        return db.PushDevices.Where(d => d.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastDeliveredAt, now).SetProperty(d => d.Failures, 0), ct);
    }

    public Task FailedAsync(Guid id, CancellationToken ct = default) =>
        db.PushDevices.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Failures, d => d.Failures + 1), ct);

    public Task<VapidKey?> FindVapidKeyAsync(CancellationToken ct = default) =>
        db.VapidKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == VapidKey.TheOne, ct);

    /// <summary>
    /// Stores a new key pair unless one exists, and answers the one stored: when two instances start at once, both
    /// end up with the same pair.
    /// </summary>
    public async Task<VapidKey> AddVapidKeyOnceAsync(VapidKey key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            key.Id = VapidKey.TheOne;
            key.CreatedAt = StoredTime.Now(time);
            db.VapidKeys.Add(key);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Another instance stored its pair first; that one is the pair.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return await db.VapidKeys.AsNoTracking().SingleAsync(k => k.Id == VapidKey.TheOne, ct);
    }
}
