using Npgsql;
using NpgsqlTypes;

namespace Limber.DataBench;

/// <summary>Binary COPY values in the column types of Limber's PostgreSQL migrations, with nulls for empty values.</summary>
internal static class CopyWriting
{
    public static void Uuid(this NpgsqlBinaryImporter row, Guid value) => row.Write(value, NpgsqlDbType.Uuid);

    public static void Uuid(this NpgsqlBinaryImporter row, Guid? value)
    {
        if (value is { } v)
        {
            row.Write(v, NpgsqlDbType.Uuid);
        }
        else
        {
            row.WriteNull();
        }
    }

    /// <summary>character varying(n) or text.</summary>
    public static void Text(this NpgsqlBinaryImporter row, string? value)
    {
        if (value is null)
        {
            row.WriteNull();
        }
        else
        {
            row.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void Int(this NpgsqlBinaryImporter row, int value) => row.Write(value, NpgsqlDbType.Integer);

    public static void Int(this NpgsqlBinaryImporter row, int? value)
    {
        if (value is { } v)
        {
            row.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            row.WriteNull();
        }
    }

    public static void Bool(this NpgsqlBinaryImporter row, bool value) => row.Write(value, NpgsqlDbType.Boolean);

    /// <summary>timestamp with time zone, from a UTC <see cref="DateTime"/> cut to the microsecond as Limber stores instants.</summary>
    public static void Instant(this NpgsqlBinaryImporter row, DateTime? value)
    {
        if (value is { } v)
        {
            row.Write(new DateTime(v.Ticks - (v.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        }
        else
        {
            row.WriteNull();
        }
    }

    public static void Date(this NpgsqlBinaryImporter row, DateOnly value) => row.Write(value, NpgsqlDbType.Date);

    /// <summary>time without time zone.</summary>
    public static void TimeOfDay(this NpgsqlBinaryImporter row, TimeOnly? value)
    {
        if (value is { } v)
        {
            row.Write(v, NpgsqlDbType.Time);
        }
        else
        {
            row.WriteNull();
        }
    }

    /// <summary>character varying(40)[]: a tag list.</summary>
    public static void Tags(this NpgsqlBinaryImporter row, string[] values) => row.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Varchar);
}
