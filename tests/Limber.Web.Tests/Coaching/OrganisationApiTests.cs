using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Cli;
using Limber.Web.Tests.Accounts;
using static Limber.Web.Tests.Coaching.CoachLinkSteps;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// Organisations over HTTP and from the command line: an administrator lists, adds (by an existing account's e-mail),
/// changes and removes members, removing a coach ends their links at once; the last administrator stays one; everyone
/// else is refused (403 for a member, 404 for an outsider) with nothing changed. The operator's verbs create an
/// organisation and add coaches, refusing a taken name or an unknown e-mail with a non-zero exit.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class OrganisationApiTests(AccountServer server)
{
    private static string Members(TestCoach admin) => $"/api/v1/organisations/{admin.OrganisationId}/members";

    private static JsonObject Member(string email, string name = "Jo Lee", bool isCoach = true, bool isAdmin = false) => new()
    {
        ["email"] = email,
        ["displayName"] = name,
        ["isCoach"] = isCoach,
        ["isAdmin"] = isAdmin,
    };

    private static async Task<JsonElement[]> MembersAsync(TestCoach admin)
    {
        var answer = await admin.Person.GetAsync(Members(admin));
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json.GetProperty("members").EnumerateArray()];
    }

    [Fact]
    public async Task The_caller_sees_their_own_organisations_and_roles()
    {
        using var admin = await CoachAsync(server);
        using var plain = await TestPerson.CreateAsync(server, who: "plain");

        var mine = await admin.Person.GetAsync("/api/v1/organisations/mine");
        mine.Status.ShouldBe(HttpStatusCode.OK, mine.ToString());
        var only = mine.Json.GetProperty("organisations").EnumerateArray().Single();
        (only.GetProperty("id").GetGuid(), only.GetProperty("name").GetString(), only.GetProperty("isAdmin").GetBoolean(), only.GetProperty("isCoach").GetBoolean())
            .ShouldBe((admin.OrganisationId, admin.OrganisationName, true, true));
        only.GetProperty("displayName").GetString().ShouldBe(admin.DisplayName);

        (await plain.GetAsync("/api/v1/organisations/mine")).Json.GetProperty("organisations").GetArrayLength().ShouldBe(0);
        (await AccountApi.GetAsync(plain.Anonymous, "/api/v1/organisations/mine")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrator_adds_a_coach_by_email_changes_their_roles_and_sees_their_clients()
    {
        using var admin = await CoachAsync(server);
        using var jo = await TestPerson.CreateAsync(server, consent: true, who: "jo");
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");

        var added = await PutAsync(admin.Person, Members(admin), Member("  " + jo.Email.ToUpperInvariant() + " ", " Jo Lee "));
        added.Status.ShouldBe(HttpStatusCode.Created, added.ToString());
        (added.Json.GetProperty("personId").GetGuid(), added.Json.GetProperty("displayName").GetString(), added.Json.GetProperty("email").GetString())
            .ShouldBe((jo.Id, "Jo Lee", jo.Email));
        (added.Json.GetProperty("isCoach").GetBoolean(), added.Json.GetProperty("isAdmin").GetBoolean()).ShouldBe((true, false));

        // Jo is a coach now: Jo invites, and the members list counts Jo's client.
        var joCoach = new TestCoach(jo, admin.OrganisationId, admin.OrganisationName, "Jo Lee");
        await LinkAsync(joCoach, client);
        var members = await MembersAsync(admin);
        members.Select(m => m.GetProperty("displayName").GetString()).ShouldBe(["Jo Lee", admin.DisplayName], ignoreOrder: true);
        members.Single(m => m.GetProperty("personId").GetGuid() == jo.Id).GetProperty("activeClients").GetInt32().ShouldBe(1);
        // A coach who is not an administrator may not see the members.
        (await jo.GetAsync(Members(admin))).ShouldBeProblem(HttpStatusCode.Forbidden);

        var promoted = await PutAsync(admin.Person, Members(admin), Member(jo.Email, "Jo Lee, trainer", isCoach: true, isAdmin: true));
        promoted.Status.ShouldBe(HttpStatusCode.OK, promoted.ToString());
        promoted.Json.GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
        promoted.Json.GetProperty("displayName").GetString().ShouldBe("Jo Lee, trainer");
        (await jo.GetAsync(Members(admin))).Status.ShouldBe(HttpStatusCode.OK, "Jo administers it now");

        // Taking away the coach role ends Jo's links at once.
        var adminOnly = await PutAsync(admin.Person, Members(admin), Member(jo.Email, "Jo Lee", isCoach: false, isAdmin: true));
        adminOnly.Status.ShouldBe(HttpStatusCode.OK, adminOnly.ToString());
        adminOnly.Json.GetProperty("activeClients").GetInt32().ShouldBe(0);
        (await CoachCanSeeAsync(server, joCoach, client.Id, null)).ShouldBeNull();
        (await LinksAsync(client)).Single().GetProperty("endedBy").GetString().ShouldBe("organisation");
        (await jo.PostAsync("/api/v1/coach/invites", "")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string> BadMembers() => new()
    {
        { """{"displayName":"Jo","isCoach":true,"isAdmin":false}""", "email" },
        { """{"email":"","displayName":"Jo","isCoach":true,"isAdmin":false}""", "email" },
        { """{"email":"not-an-address","displayName":"Jo","isCoach":true,"isAdmin":false}""", "email" },
        { """{"email":7,"displayName":"Jo","isCoach":true,"isAdmin":false}""", "email" },
        { """{"email":"nobody-here@example.org","displayName":"Jo","isCoach":true,"isAdmin":false}""", "email" },
        { """{"email":"EMAIL","isCoach":true,"isAdmin":false}""", "displayName" },
        { """{"email":"EMAIL","displayName":"  ","isCoach":true,"isAdmin":false}""", "displayName" },
        { """{"email":"EMAIL","displayName":"Jo\nLee","isCoach":true,"isAdmin":false}""", "displayName" },
        { """{"email":"EMAIL","displayName":"Jo","isCoach":false,"isAdmin":false}""", "isCoach" },
        { """{"email":"EMAIL","displayName":"Jo","isCoach":"yes","isAdmin":false}""", "isCoach" },
        { """{"email":"EMAIL","displayName":"Jo","isCoach":true}""", "isAdmin" },
        { """{"email":"EMAIL","displayName":"Jo","isCoach":true,"isAdmin":false,"role":"boss"}""", "role" },
        { """[]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadMembers))]
    public async Task A_bad_member_is_refused_naming_the_field_and_nobody_is_added(string body, string field)
    {
        using var admin = await CoachAsync(server);
        using var jo = await TestPerson.CreateAsync(server, who: "jo");
        using var content = new StringContent(body.Replace("EMAIL", jo.Email, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        (await AccountApi.SendAsync(admin.Person.Http, HttpMethod.Put, Members(admin), content)).ShouldNameField(field);

        (await MembersAsync(admin)).Length.ShouldBe(1);
        (await PutAsync(admin.Person, Members(admin), Member(jo.Email, new string('x', 121)))).ShouldNameField("displayName");
    }

    [Fact]
    public async Task The_last_administrator_cannot_stop_being_one_nor_be_removed()
    {
        using var admin = await CoachAsync(server);

        var demoted = await PutAsync(admin.Person, Members(admin), Member(admin.Person.Email, admin.DisplayName, isCoach: true, isAdmin: false));
        demoted.ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain("isAdmin");
        (await admin.Person.DeleteAsync($"{Members(admin)}/{admin.Id}")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await MembersAsync(admin)).Single().GetProperty("isAdmin").GetBoolean().ShouldBeTrue();

        // With a second administrator, the first may step down.
        using var jo = await TestPerson.CreateAsync(server, who: "jo");
        (await PutAsync(admin.Person, Members(admin), Member(jo.Email, isCoach: false, isAdmin: true))).Status.ShouldBe(HttpStatusCode.Created);
        (await PutAsync(admin.Person, Members(admin), Member(admin.Person.Email, admin.DisplayName, isCoach: true, isAdmin: false))).Status.ShouldBe(HttpStatusCode.OK);
        (await admin.Person.GetAsync(Members(admin))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Removing_a_coach_ends_their_links_and_withdraws_their_invitations_at_once()
    {
        using var admin = await CoachAsync(server);
        using var jo = await TestPerson.CreateAsync(server, consent: true, who: "jo");
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        (await PutAsync(admin.Person, Members(admin), Member(jo.Email))).Status.ShouldBe(HttpStatusCode.Created);
        var joCoach = new TestCoach(jo, admin.OrganisationId, admin.OrganisationName, "Jo Lee");
        await LinkAsync(joCoach, client, Shares(progress: true, sessions: true));
        var (unused, _) = await InviteAsync(joCoach);
        (await CoachCanSeeAsync(server, joCoach, client.Id)).ShouldNotBeNull();

        (await admin.Person.DeleteAsync($"{Members(admin)}/{jo.Id}")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await CoachCanSeeAsync(server, joCoach, client.Id, null)).ShouldBeNull("access stops at once");
        (await LinksAsync(client)).Single().GetProperty("endedBy").GetString().ShouldBe("organisation");
        (await StateAsync(client, unused)).ShouldBe("withdrawn");
        (await MembersAsync(admin)).Select(m => m.GetProperty("personId").GetGuid()).ShouldBe([admin.Id]);
        var activity = (await client.GetAsync("/api/v1/me/coaches/activity")).Json.GetProperty("events");
        // Jo is no longer a member; the log names Jo as the client knew them when the link started.
        activity[0].GetProperty("text").GetString().ShouldBe($"{admin.OrganisationName} ended your link with Jo Lee, who no longer coaches there.");
        (await admin.Person.DeleteAsync($"{Members(admin)}/{jo.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await admin.Person.DeleteAsync($"{Members(admin)}/not-an-id")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Members_and_outsiders_are_refused_every_organisation_endpoint_and_nothing_changes()
    {
        using var admin = await CoachAsync(server);
        using var other = await CoachAsync(server, "Alex of another clinic");
        using var member = await TestPerson.CreateAsync(server, who: "member");
        using var outsider = await TestPerson.CreateAsync(server, who: "outsider");
        (await PutAsync(admin.Person, Members(admin), Member(member.Email))).Status.ShouldBe(HttpStatusCode.Created);

        foreach (var (who, status) in new[] { (member, HttpStatusCode.Forbidden), (outsider, HttpStatusCode.NotFound), (other.Person, HttpStatusCode.NotFound) })
        {
            (await who.GetAsync(Members(admin))).ShouldBeProblem(status);
            (await PutAsync(who, Members(admin), Member(who.Email, isAdmin: true))).ShouldBeProblem(status);
            (await who.DeleteAsync($"{Members(admin)}/{admin.Id}")).ShouldBeProblem(status);
            (await who.DeleteAsync($"{Members(admin)}/{member.Id}")).ShouldBeProblem(status);
        }
        (await outsider.GetAsync("/api/v1/organisations/not-an-id/members")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/v1/organisations/{Guid.NewGuid()}/members")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await AccountApi.GetAsync(outsider.Anonymous, Members(admin))).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var members = await MembersAsync(admin);
        members.Length.ShouldBe(2);
        members.Single(m => m.GetProperty("personId").GetGuid() == member.Id).GetProperty("isAdmin").GetBoolean().ShouldBeFalse();
        (await MembersAsync(other)).Length.ShouldBe(1);
    }

    // ---- the operator's command line ------------------------------------------------------------------------------

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLine.TryRun([.. args, $"--Limber:DataPath={server.DataPath}"], output, error);
        code.ShouldNotBeNull();
        return (code.Value, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_operator_creates_an_organisation_for_an_existing_account_who_then_administers_it()
    {
        using var sam = await TestPerson.CreateAsync(server, consent: true, who: "sam");
        var name = $"Clinic {Guid.NewGuid():N}";

        var (code, output, error) = Run("organisation", "create", "--name", name, "--admin", sam.Email, "--display-name", "Sam Patel");

        code.ShouldBe(0, error);
        var id = Guid.Parse(output.Split('\n')[0].Trim());
        var mine = (await sam.GetAsync("/api/v1/organisations/mine")).Json.GetProperty("organisations").EnumerateArray().Single();
        (mine.GetProperty("id").GetGuid(), mine.GetProperty("name").GetString(), mine.GetProperty("isAdmin").GetBoolean(), mine.GetProperty("isCoach").GetBoolean())
            .ShouldBe((id, name, true, true));
        (await sam.PostAsync("/api/v1/coach/invites", "")).Status.ShouldBe(HttpStatusCode.Created, "the administrator is a coach too");

        // The person's own audit log says an operator did it.
        var created = ConsentTests.ExportDocument(await sam.ExportAsync()).GetProperty("auditEvents").EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "organisation.created");
        created.GetProperty("actorKind").GetString().ShouldBe("Operator");
        created.GetProperty("subjectRef").GetString().ShouldBe($"organisation:{id}");

        var (taken, _, takenError) = Run("organisation", "create", "--name", name, "--admin", sam.Email, "--display-name", "Sam");
        taken.ShouldBe(1);
        takenError.ShouldContain($"An organisation named \"{name}\" already exists");
        (await sam.GetAsync("/api/v1/organisations/mine")).Json.GetProperty("organisations").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_operator_adds_a_coach_who_can_then_invite()
    {
        using var sam = await TestPerson.CreateAsync(server, consent: true, who: "sam");
        using var jo = await TestPerson.CreateAsync(server, consent: true, who: "jo");
        var name = $"Gym {Guid.NewGuid():N}";
        Run("organisation", "create", "--name", name, "--admin", sam.Email, "--display-name", "Sam").Code.ShouldBe(0);
        (await jo.PostAsync("/api/v1/coach/invites", "")).ShouldBeProblem(HttpStatusCode.Forbidden);

        var (code, output, error) = Run("organisation", "add-coach", "--name", name, "--email", jo.Email, "--display-name", "Jo Lee");

        code.ShouldBe(0, error);
        output.ShouldContain($"Added {jo.Email} to \"{name}\" as a coach");
        (await jo.PostAsync("/api/v1/coach/invites", "")).Status.ShouldBe(HttpStatusCode.Created);
        var jos = (await jo.GetAsync("/api/v1/organisations/mine")).Json.GetProperty("organisations")[0];
        (jos.GetProperty("isCoach").GetBoolean(), jos.GetProperty("isAdmin").GetBoolean(), jos.GetProperty("displayName").GetString()).ShouldBe((true, false, "Jo Lee"));

        // Again with --admin: an administrator too; and adding the administrator as a coach keeps them administrator.
        Run("organisation", "add-coach", "--name", name, "--email", jo.Email, "--display-name", "Jo Lee", "--admin").Code.ShouldBe(0);
        (await jo.GetAsync("/api/v1/organisations/mine")).Json.GetProperty("organisations")[0].GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
        Run("organisation", "add-coach", "--name=" + name, "--email=" + sam.Email, "--display-name=Sam Patel").Code.ShouldBe(0);
        (await sam.GetAsync("/api/v1/organisations/mine")).Json.GetProperty("organisations")[0].GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void The_operator_is_told_plainly_about_an_unknown_email_an_unknown_organisation_or_a_missing_option()
    {
        var nobody = AccountApi.NewEmail("nobody");
        var (code, _, error) = Run("organisation", "create", "--name", $"Clinic {Guid.NewGuid():N}", "--admin", nobody, "--display-name", "Sam");
        code.ShouldBe(1);
        error.ShouldContain($"No Limber account uses the e-mail address {nobody}");

        (code, _, error) = Run("organisation", "add-coach", "--name", "No such clinic at all", "--email", nobody, "--display-name", "Jo");
        code.ShouldBe(1);
        error.ShouldContain("There is no organisation named \"No such clinic at all\"");

        (code, _, error) = Run("organisation", "create", "--name", "Clinic", "--display-name", "Sam");
        code.ShouldBe(2);
        error.ShouldContain("--admin is required.");
        (code, _, error) = Run("organisation", "create", "--name", "Clinic", "--admin", nobody, "--display-name", "Sam", "--colour", "red");
        code.ShouldBe(2);
        error.ShouldContain("Unknown option: --colour");
        (code, _, error) = Run("organisation", "rename");
        code.ShouldBe(2);
        error.ShouldContain("Unknown command: organisation rename");
    }
}
