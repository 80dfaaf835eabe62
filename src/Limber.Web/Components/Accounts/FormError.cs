namespace Limber.Web.Components.Accounts;

/// <summary>One problem with a form: the id of the field it is about, and what to do, in words.</summary>
public sealed record FormError(string Field, string Message);

/// <summary>A form's problems, by field, for the summary at the top and the message at each field.</summary>
public sealed class FormErrors
{
    private readonly List<FormError> _all = [];

    public IReadOnlyList<FormError> All => _all;

    public bool Any => _all.Count > 0;

    public void Add(string field, string message) => _all.Add(new FormError(field, message));

    public bool Has(string field) => _all.Exists(e => e.Field == field);

    /// <summary>The message for one field, for its aria-describedby text; null when it has none.</summary>
    public string? For(string field) => _all.Find(e => e.Field == field)?.Message;

    /// <summary>The value of aria-invalid for a field: "true" or nothing.</summary>
    public string? Invalid(string field) => Has(field) ? "true" : null;

    /// <summary>The id of a field's message, for aria-describedby, when it has one.</summary>
    public string? DescribedBy(string field, string? hint = null) =>
        Has(field) ? (hint is null ? $"{field}-error" : $"{hint} {field}-error") : hint;
}
