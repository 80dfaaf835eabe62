namespace Limber.DataBench;

/// <summary>
/// Deterministic random numbers for the generator. Every value is a pure function of the seed and of where it is used
/// (person, day, what for), so the tables can be written in separate passes that agree with each other (a session's id
/// in the sessions pass is the same in the exercise-log pass), and the same seed always gives the same database.
/// </summary>
internal struct Draw
{
    private ulong _state;

    private Draw(ulong state) => _state = state;

    /// <summary>The stream for one use: the seed, then up to three coordinates (person, day, purpose).</summary>
    public static Draw For(ulong seed, ulong a, ulong b = 0, ulong c = 0) =>
        new(Mix(Mix(Mix(seed ^ (a * 0x9E3779B97F4A7C15UL)) ^ (b * 0xC2B2AE3D27D4EB4FUL)) ^ (c * 0x165667B19E3779F9UL)));

    /// <summary>SplitMix64's finaliser: a 64-bit value mixed so that near inputs give unrelated outputs.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>0 (inclusive) to <paramref name="max"/> (exclusive).</summary>
    public int Below(int max) => (int)((Next() >> 33) % (ulong)max);

    /// <summary><paramref name="min"/> to <paramref name="max"/>, both inclusive.</summary>
    public int Between(int min, int max) => min + Below(max - min + 1);

    /// <summary>0 (inclusive) to 1 (exclusive).</summary>
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => Unit() < p;

    /// <summary>A version-4 (random) UUID, as Guid.NewGuid gives, but from this stream.</summary>
    public Guid Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Next());
        BitConverter.TryWriteBytes(bytes[8..], Next());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte order: the version is in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>
    /// <paramref name="count"/> distinct indexes below <paramref name="max"/>, in a random order (a partial shuffle).
    /// </summary>
    public int[] Pick(int count, int max)
    {
        var all = new int[max];
        for (var i = 0; i < max; i++)
        {
            all[i] = i;
        }
        count = Math.Min(count, max);
        for (var i = 0; i < count; i++)
        {
            var j = i + Below(max - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..count];
    }
}
