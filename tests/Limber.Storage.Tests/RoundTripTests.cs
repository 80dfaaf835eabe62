using System.Collections;
using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class RoundTripTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Every_entity_type_reads_back_as_it_was_saved(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        List<ScannedRow> saved;
        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            Samples.AddPerson(db, "roundtrip");
            // The one row of the application's own VAPID key pair, which belongs to no person.
            db.VapidKeys.Add(new VapidKey { Id = VapidKey.TheOne, PublicKey = "BPublic", PrivateKeyProtected = "protected", CreatedAt = Samples.Now });
            await db.SaveChangesAsync();
            saved = [.. db.ChangeTracker.Entries().Where(e => !e.Metadata.IsOwned()).Select(e => Scan(db, e.Entity))];
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var db = scope.Db();
            var everyType = DatabaseScan.Tables(db).Where(t => t.ClrType != typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey));
            saved.Select(r => r.Table).Distinct().ShouldBe(everyType, ignoreOrder: true, "Samples leaves a table empty");

            foreach (var expected in saved)
            {
                var keys = expected.Table.FindPrimaryKey()!.Properties
                    .Select(p => expected.Values.Single(v => v.Column == p.Name).Value)
                    .ToArray();
                var loaded = (await db.FindAsync(expected.Table.ClrType, keys)).ShouldNotBeNull(expected.Name);
                var actual = Scan(db, loaded);
                foreach (var (column, value) in expected.Values)
                {
                    Same(actual.Values.Single(v => v.Column == column).Value, value)
                        .ShouldBeTrue($"{expected.Name}.{column}: {Show(value)} came back as {Show(actual.Values.Single(v => v.Column == column).Value)}");
                }
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Instants_are_stored_as_UTC_to_the_microsecond(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = Guid.Empty;
        // 10:00 in Berlin in summer is 08:00 UTC; the last tick (100 ns) is below a microsecond.
        var local = new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(12_345_67);
        await using (var scope = node.CreateAsyncScope())
        {
            person = (await Samples.SavePersonAsync(scope.Db(), "utc")).Id;
            scope.Db().Consents.Add(new Consent { PersonId = person, Purpose = "reminders", Version = "2", GivenAt = local, WithdrawnAt = local });
            await scope.Db().SaveChangesAsync();
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var consent = await scope.Db().Consents.SingleAsync(c => c.PersonId == person && c.Purpose == "reminders");
            consent.GivenAt.Offset.ShouldBe(TimeSpan.Zero);
            consent.GivenAt.ShouldBe(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(12_345_60));
            consent.WithdrawnAt.ShouldBe(consent.GivenAt); // nullable instants are converted too
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Lists_filter_and_order_by_time_in_the_database(DatabaseProvider provider)
    {
        // EF Core cannot order DateTimeOffset on SQLite unless it is stored as a number.
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = Guid.Empty;
        var start = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
        await using (var scope = node.CreateAsyncScope())
        {
            person = (await Samples.SavePersonAsync(scope.Db(), "ordered")).Id;
            foreach (var day in new[] { 3, 1, 4, 2 })
            {
                // Different offsets, same UTC order: Tokyo on day 4 is still the latest instant.
                var offset = TimeSpan.FromHours(day == 4 ? 9 : -5);
                scope.Db().JudgedScreens.Add(new JudgedScreen
                {
                    PersonId = person,
                    TakenAt = start.AddDays(day).ToOffset(offset),
                    Age = 40,
                    Disposition = Disposition.None,
                    RulesVersion = "2026.1",
                    ReasonsJson = "[]",
                });
            }

            await scope.Db().SaveChangesAsync();
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var since = start.AddDays(2);
            var latestFirst = await scope.Db().JudgedScreens
                .Where(s => s.PersonId == person && s.TakenAt >= since)
                .OrderByDescending(s => s.TakenAt)
                .Select(s => s.TakenAt)
                .ToListAsync();

            latestFirst.ShouldBe([start.AddDays(4), start.AddDays(3), start.AddDays(2)]);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Closed_sets_are_stored_by_name(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        await using var scope = node.CreateAsyncScope();
        var person = await Samples.SavePersonAsync(scope.Db(), "names");

        var stored = await scope.Db().Database
            .SqlQuery<string>($"""SELECT "Disposition" AS "Value" FROM "JudgedScreens" WHERE "PersonId" = {person.Id}""")
            .ToListAsync();

        stored.ShouldBe(["Urgent"]);
    }

    private static ScannedRow Scan(LimberDbContext db, object entity)
    {
        var entry = db.Entry(entity);
        var values = entry.Metadata.GetProperties().Select(p => (p.Name, entry.Property(p.Name).CurrentValue)).ToList();
        foreach (var owned in entry.Metadata.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            var part = entry.Reference(owned.Name).TargetEntry!;
            values.AddRange(part.Metadata.GetProperties().Where(p => !p.IsShadowProperty())
                .Select(p => ($"{owned.Name}.{p.Name}", part.Property(p.Name).CurrentValue)));
        }

        var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Show(entry.Property(p.Name).CurrentValue)));
        return new ScannedRow(entry.Metadata, key, values);
    }

    private static bool Same(object? actual, object? expected) => (actual, expected) switch
    {
        (DateTimeOffset a, DateTimeOffset e) => a == e && a.Offset == TimeSpan.Zero,
        (string a, string e) => a == e,
        (IEnumerable a, IEnumerable e) => a.Cast<object?>().SequenceEqual(e.Cast<object?>()),
        _ => Equals(actual, expected),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        string text => text,
        IEnumerable list => $"[{string.Join(", ", list.Cast<object?>().Select(Show))}]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
