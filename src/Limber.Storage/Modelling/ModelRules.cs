using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// The few modelling rules every table follows, written once: ownership by a person, closed
/// sets stored by name, and ranges the database checks itself.
/// </summary>
internal static class ModelRules
{
    /// <summary>Catalogue exercise ids and screen item ids: stable strings, never foreign keys.</summary>
    public const int IdLength = 80;

    /// <summary>A list value such as a body area, a trigger or a piece of equipment.</summary>
    public const int TagLength = 40;

    /// <summary>IANA time-zone ids ("America/Argentina/ComodRivadavia" is the longest at 32).</summary>
    public const int TimeZoneIdLength = 64;

    /// <summary>
    /// Required, cascading ownership by a person and, when given, the index a person's list is
    /// read by: (PersonId, <paramref name="listedBy"/>), usually a time.
    /// </summary>
    public static EntityTypeBuilder<T> OwnedByPerson<T>(this EntityTypeBuilder<T> entity, Expression<Func<T, object?>>? listedBy = null)
        where T : class, IPersonOwned
    {
        entity.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        if (listedBy is not null)
        {
            var members = Members(listedBy);
            entity.HasIndex([nameof(IPersonOwned.PersonId), .. members]);
        }

        return entity;
    }

    /// <summary>
    /// A child row of a parent owned by the same person: the foreign key is (parent id, person id)
    /// against the parent's (Id, PersonId), so a child can never hang under another person's parent.
    /// Deleting the parent deletes the child.
    /// </summary>
    public static void ChildOf<TChild, TParent>(
        this EntityTypeBuilder<TChild> child,
        Expression<Func<TChild, Guid>> parentId,
        Expression<Func<TParent, IEnumerable<TChild>?>>? children = null)
        where TChild : class, IPersonOwned
        where TParent : class, IPersonOwned
    {
        child.HasOne<TParent>()
            .WithMany(children)
            .HasForeignKey(Members(parentId).Append(nameof(IPersonOwned.PersonId)).ToArray())
            .HasPrincipalKey("Id", nameof(IPersonOwned.PersonId))
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>A closed set stored by name ("ClearedToExercise"), bounded, and checked by the database.</summary>
    public static void StoredByName<T, TEnum>(this EntityTypeBuilder<T> entity, Expression<Func<T, TEnum>> property)
        where T : class
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>();
        var column = Members(property).Single();
        entity.Property(property).HasConversion<string>().HasMaxLength(names.Max(n => n.Length));
        entity.ToTable(t => t.HasCheckConstraint(
            ConstraintName(entity, column),
            $"{Quoted(column)} IN ({string.Join(", ", names.Select(n => $"'{n}'"))})"));
    }

    /// <summary>A number the database keeps within a range (a 0-10 score, minutes in a day); null passes.</summary>
    public static void Within<T>(this EntityTypeBuilder<T> entity, string column, int min, int max)
        where T : class =>
        entity.ToTable(t => t.HasCheckConstraint(
            ConstraintName(entity, column),
            string.Create(CultureInfo.InvariantCulture, $"{Quoted(column)} BETWEEN {min} AND {max}")));

    /// <summary>A list of short strings: JSON text on SQLite, an array on PostgreSQL; each value bounded.</summary>
    public static void TagList<T>(this EntityTypeBuilder<T> entity, Expression<Func<T, List<string>>> property)
        where T : class =>
        entity.PrimitiveCollection(property).ElementType().HasMaxLength(TagLength);

    // Named like EF Core names keys and indexes: CK_{table}_{column}.
    private static string ConstraintName<T>(EntityTypeBuilder<T> entity, string column)
        where T : class =>
        $"CK_{entity.Metadata.GetTableName() ?? typeof(T).Name}_{column}";

    // Both SQLite and PostgreSQL take double-quoted identifiers, and EF Core creates
    // PostgreSQL columns with their case kept, so unquoted names would not match there.
    private static string Quoted(string column) => $"\"{column}\"";

    private static string[] Members<T, TValue>(Expression<Func<T, TValue>> selector)
    {
        var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        return body switch
        {
            MemberExpression member => [member.Member.Name],
            NewExpression anonymous => [.. anonymous.Arguments.Select(a => ((MemberExpression)a).Member.Name)],
            _ => throw new ArgumentException($"Expected a property or new {{ ... }} of properties, got {selector}.", nameof(selector)),
        };
    }
}
