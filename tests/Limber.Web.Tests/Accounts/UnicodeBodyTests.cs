using System.Net;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// JSON may escape a lone UTF-16 surrogate (<c>"\ud800"</c>): it parses, but it is no text. Every write endpoint must
/// refuse it as a 400 naming the field, as it does any other bad value, not fail.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class UnicodeBodyTests(AccountServer server)
{
    [Theory]
    [InlineData("/api/v1/auth/register", """{"email": "\ud800@example.org", "password": "a long enough passphrase"}""", "email")]
    [InlineData("/api/v1/auth/register", """{"email": "lone@example.org", "password": "a long \udfff passphrase"}""", "password")]
    [InlineData("/api/v1/auth/login", """{"email": "lone@example.org", "password": "\ud800"}""", "password")]
    [InlineData("/api/v1/auth/refresh", """{"refreshToken": "\ud800"}""", "refreshToken")]
    public async Task A_lone_surrogate_in_an_auth_field_is_a_400_naming_it(string path, string body, string field)
    {
        using var http = server.CreateHttpClient();
        (await PostAsync(http, path, body)).ShouldNameField(field);
    }

    [Theory]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/auth/login")]
    [InlineData("/api/v1/auth/refresh")]
    public async Task A_lone_surrogate_in_a_field_name_is_a_400(string path)
    {
        using var http = server.CreateHttpClient();
        (await PostAsync(http, path, """{"\ud800": 1}""")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/me/consents/health-data", """{"version": "\ud800"}""", "version")]
    [InlineData("/api/v1/me/screens/{id}/confirmation", """{"kind": "\ud800"}""", "kind")]
    [InlineData("/api/v1/me/screens/{id}/confirmation", """{"kind": "seen", "note": "seen \udc00"}""", "note")]
    [InlineData("/api/v1/me/screens", """{"age": 40, "firstEpisode": false, "answers": {"saddle_numbness": "\ud800"}}""", "answers.saddle_numbness")]
    public async Task A_lone_surrogate_in_a_field_of_the_persons_data_is_a_400_naming_it(string path, string body, string field)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var id = (await person.StoreScreenAsync(EmergencyScreen())).Screen.GetProperty("id").GetGuid();
        (await person.PostAsync(path.Replace("{id}", id.ToString(), StringComparison.Ordinal), body)).ShouldNameField(field);
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_answer_id_is_a_400()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var body = Screen().ToJsonString().Replace("\"answers\":{", "\"answers\":{\"\\ud800\":\"no\",", StringComparison.Ordinal);
        (await person.PostAsync("/api/v1/me/screens", body)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
