using Limber.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Limber.Web.Coaching;

/// <summary>
/// The operator's verbs for coaching mode: create an organisation with its first administrator, and add a coach to one.
/// They work on the database the web app is configured with (appsettings.json, environment, <c>--Limber:…=…</c>
/// arguments), bring its schema up to date first, and record what they did in the person's audit log as the operator.
/// </summary>
public static class OrganisationCommands
{
    /// <summary>An operator created an organisation with this person as its first administrator (subject: organisation:{id}).</summary>
    public const string CreatedAction = "organisation.created";

    /// <summary>An operator added this person to an organisation, or changed their roles there.</summary>
    public const string MemberSetAction = "organisation.member-set";

    public const string Usage = """
          Limber.Web organisation create --name "Back Clinic" --admin sam@example.org --display-name "Sam Patel"
                                              create an organisation; the account with that e-mail becomes its first
                                              administrator and a coach. Prints the organisation's id
          Limber.Web organisation add-coach --name "Back Clinic" --email jo@example.org --display-name "Jo Lee" [--admin]
                                              make an account a coach of the organisation (--admin: an administrator too)
        """;

    private sealed record Options(Dictionary<string, string> Values, HashSet<string> Flags, List<string> Settings);

    /// <summary>Runs <c>organisation …</c> (the arguments after "organisation"); 0 when done, 1 when refused, 2 for a usage mistake.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return args switch
        {
            ["create", .. var rest] => WithOptions(rest, ["--name", "--admin", "--display-name"], [], error,
                o => CreateAsync(o, output, error).GetAwaiter().GetResult()),
            ["add-coach", .. var rest] => WithOptions(rest, ["--name", "--email", "--display-name"], ["--admin"], error,
                o => AddCoachAsync(o, output, error).GetAwaiter().GetResult()),
            _ => UsageMistake(error, $"Unknown command: organisation {string.Join(' ', args)}"),
        };
    }

    private static int UsageMistake(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine("Usage:");
        error.WriteLine(Usage);
        return 2;
    }

    /// <summary>
    /// Reads <c>--option value</c> (or <c>--option=value</c>) for each of <paramref name="required"/>, the flags, and
    /// settings like <c>--Limber:DataPath=/srv/limber</c> for the configuration; anything else is a usage mistake.
    /// </summary>
    private static int WithOptions(string[] args, string[] required, string[] flags, TextWriter error, Func<Options, int> run)
    {
        var options = new Options(new(StringComparer.Ordinal), new(StringComparer.Ordinal), []);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (required.Contains(name, StringComparer.Ordinal))
            {
                string? value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Length ? args[++i] : null;
                if (value is null)
                {
                    return UsageMistake(error, $"{name} needs a value.");
                }
                if (!options.Values.TryAdd(name, value))
                {
                    return UsageMistake(error, $"{name} is given twice.");
                }
            }
            else if (flags.Contains(arg, StringComparer.Ordinal))
            {
                options.Flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && name.Contains(':', StringComparison.Ordinal))
            {
                // A configuration setting, as the web app takes them: --Limber:Database:Provider=Postgres or --Limber:DataPath /srv.
                options.Settings.Add(arg);
                if (equals < 0 && i + 1 < args.Length)
                {
                    options.Settings.Add(args[++i]);
                }
            }
            else
            {
                return UsageMistake(error, $"Unknown option: {arg}");
            }
        }
        foreach (var name in required.Where(r => !options.Values.ContainsKey(r) || string.IsNullOrWhiteSpace(options.Values[r])))
        {
            return UsageMistake(error, $"{name} is required.");
        }
        return run(options);
    }

    private static async Task<int> CreateAsync(Options options, TextWriter output, TextWriter error)
    {
        var name = options.Values["--name"].Trim();
        var displayName = options.Values["--display-name"].Trim();
        if (Problem(name, displayName, error) is { } refused)
        {
            return refused;
        }
        await using var services = await ServicesAsync(options, error);
        if (services is null)
        {
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var email = options.Values["--admin"].Trim();
        if (await provider.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email) is not { } admin)
        {
            return NoAccount(email, services, error);
        }
        var db = provider.GetRequiredService<LimberDbContext>();
        var coaching = provider.GetRequiredService<CoachRecords>();
        var time = provider.GetRequiredService<TimeProvider>();

        // The organisation and the audit event of its creation are written together, or neither is.
        Organisation? organisation;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            try
            {
                organisation = await coaching.CreateOrganisationAsync(name, admin.Id, displayName);
            }
            catch (DbUpdateException)
            {
                // Another operator created it at the same moment: the unique name refused this one.
                organisation = null;
            }
            if (organisation is null)
            {
                error.WriteLine($"An organisation named \"{name}\" already exists. Choose another name, or add coaches to it with: organisation add-coach --name \"{name}\" …");
                return 1;
            }
            db.AuditEvents.Add(Operator(admin.Id, time, CreatedAction, organisation.Id));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        output.WriteLine(organisation.Id.ToString("D"));
        output.WriteLine($"Created \"{organisation.Name}\" with {email} as its administrator and a coach, shown to clients as \"{displayName}\".");
        return 0;
    }

    private static async Task<int> AddCoachAsync(Options options, TextWriter output, TextWriter error)
    {
        var name = options.Values["--name"].Trim();
        var displayName = options.Values["--display-name"].Trim();
        if (Problem(name, displayName, error) is { } refused)
        {
            return refused;
        }
        await using var services = await ServicesAsync(options, error);
        if (services is null)
        {
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var coaching = provider.GetRequiredService<CoachRecords>();
        if (await coaching.FindOrganisationAsync(name) is not { } organisation)
        {
            error.WriteLine($"There is no organisation named \"{name}\" in {services.DescribeDatabase()}. Create it with: organisation create --name \"{name}\" …");
            return 1;
        }
        var email = options.Values["--email"].Trim();
        if (await provider.GetRequiredService<UserManager<Person>>().FindByEmailAsync(email) is not { } person)
        {
            return NoAccount(email, services, error);
        }
        var db = provider.GetRequiredService<LimberDbContext>();
        var time = provider.GetRequiredService<TimeProvider>();
        // Making someone a coach never takes away an administrator's role.
        var existing = (await coaching.MembershipsAsync(person.Id)).FirstOrDefault(m => m.OrganisationId == organisation.Id);
        var isAdmin = options.Flags.Contains("--admin") || existing?.IsAdmin == true;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await coaching.SetMemberAsync(organisation.Id, person.Id, displayName, isCoach: true, isAdmin);
            db.AuditEvents.Add(Operator(person.Id, time, MemberSetAction, organisation.Id));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        var role = isAdmin ? "a coach and an administrator" : "a coach";
        output.WriteLine(existing is null
            ? $"Added {email} to \"{organisation.Name}\" as {role}, shown to clients as \"{displayName}\"."
            : $"{email} is now {role} of \"{organisation.Name}\", shown to clients as \"{displayName}\".");
        return 0;
    }

    private static int? Problem(string name, string displayName, TextWriter error)
    {
        if (name.Length is 0 or > 120)
        {
            error.WriteLine("--name must be 1 to 120 characters.");
            return 2;
        }
        if (displayName.Length is 0 or > OrganisationRules.DisplayNameLength || displayName.Any(char.IsControl))
        {
            error.WriteLine($"--display-name must be 1 to {OrganisationRules.DisplayNameLength} characters on one line: the name clients see.");
            return 2;
        }
        return null;
    }

    private static int NoAccount(string email, ServiceProvider services, TextWriter error)
    {
        error.WriteLine($"No Limber account uses the e-mail address {email} in {services.DescribeDatabase()}. "
            + "The person must create an account first (on the sign-up page), then run this again.");
        return 1;
    }

    private static AuditEvent Operator(Guid personId, TimeProvider time, string action, Guid organisationId) => new()
    {
        At = StoredTime.Now(time),
        Action = action,
        ActorKind = AuditActorKind.Operator,
        SubjectRef = "organisation:" + organisationId.ToString("D"),
        PersonId = personId,
    };

    /// <summary>The storage and accounts of the configured database, brought up to date; null (with why) when the configuration is broken.</summary>
    private static async Task<ServiceProvider?> ServicesAsync(Options options, TextWriter error)
    {
        var root = Directory.GetCurrentDirectory();
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var config = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. options.Settings])
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System);
        try
        {
            services.AddLimberStorage(config, root);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"Limber cannot reach its database: {e.Message}");
            return null;
        }
        services.AddIdentityCore<Person>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LimberDbContext>();
        var provider = services.BuildServiceProvider();
        try
        {
            await provider.MigrateLimberDatabaseAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException or System.Data.Common.DbException)
        {
            error.WriteLine($"Limber cannot reach its database ({provider.DescribeDatabase()}): {e.Message}");
            await provider.DisposeAsync();
            return null;
        }
        return provider;
    }
}
