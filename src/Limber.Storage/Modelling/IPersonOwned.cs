namespace Limber.Storage;

/// <summary>
/// A row that belongs to one person: it carries the owner's id, is deleted with them and is
/// part of their export. Child rows carry it too (not only their parent), so "this person's
/// rows" is one filter on every table and a foreign key can check that child and parent agree.
/// </summary>
public interface IPersonOwned
{
    Guid PersonId { get; }
}
