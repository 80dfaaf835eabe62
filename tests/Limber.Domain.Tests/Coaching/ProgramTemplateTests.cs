using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Coaching;

/// <summary>The program templates in content/programs, and how broken template files are reported.</summary>
public class ProgramTemplateTests
{
    private static readonly string[] TemplateIds = ["desk-worker", "gentle-start", "gym-warm-up", "morning-stiffness", "runners-hips"];

    private static readonly PlannerProfile Anyone = new()
    {
        Positions = Enum.GetValues<PossiblePosition>(),
        Equipment = Enum.GetValues<Equipment>(),
    };

    [Fact]
    public void The_templates_in_content_programs_load_without_problems()
    {
        var load = RepositoryPrograms.Load();
        load.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, load.Problems));
        RepositoryPrograms.Templates.All.Select(t => t.Id).Order(StringComparer.Ordinal).ShouldBe(TemplateIds);
        RepositoryPrograms.Templates.Find("desk-worker").ShouldNotBeNull().Name.ShouldBe("Desk worker");
        RepositoryPrograms.Templates.Find("no-such-program").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_template_has_a_one_sentence_summary_in_wellness_words(string id)
    {
        var t = RepositoryPrograms.Get(id);
        t.Summary.ShouldEndWith(".");
        t.Summary.TrimEnd('.').ShouldNotContain(". ");
        AvoidedWords().IsMatch(t.Summary).ShouldBeFalse(t.Summary);
        AvoidedWords().IsMatch(t.Name).ShouldBeFalse(t.Name);
        foreach (var note in t.Items.Select(i => i.Note).OfType<string>())
        {
            AvoidedWords().IsMatch(note).ShouldBeFalse(note);
        }
        t.SourcePath.ShouldBe($"content/programs/{id}.yaml");
    }

    public static TheoryData<string> Ids() => new(TemplateIds);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_template_lists_catalogue_exercises_once_each_with_doses_that_fit(string id)
    {
        var t = RepositoryPrograms.Get(id);
        t.Items.Count.ShouldBeGreaterThanOrEqualTo(4);
        t.Items.Select(i => i.ExerciseId).ShouldBeUnique();
        foreach (var item in t.Items)
        {
            item.Problems(Get(item.ExerciseId)).ShouldBeEmpty(item.ExerciseId);
        }
        t.ByExercise.Keys.Order(StringComparer.Ordinal).ShouldBe(t.Items.Select(i => i.ExerciseId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("desk-worker")]
    [InlineData("gentle-start")]
    [InlineData("morning-stiffness")]
    [InlineData("runners-hips")]
    public void Templates_mix_stretching_with_mobility_and_strengthening(string id)
    {
        // safety.md section 5: routines always mix stretching with mobility and strengthening.
        var kinds = RepositoryPrograms.Get(id).Items.Select(i => Get(i.ExerciseId).Kind).ToHashSet();
        kinds.ShouldContain(ExerciseKind.Stretch);
        kinds.ShouldContain(ExerciseKind.Mobility);
        kinds.ShouldContain(ExerciseKind.Strength);
    }

    [Fact]
    public void The_gym_warm_up_is_warm_up_drills_and_mobility()
    {
        var kinds = RepositoryPrograms.Get("gym-warm-up").Items.Select(i => Get(i.ExerciseId).Kind).ToHashSet();
        kinds.ShouldBe([ExerciseKind.WarmUp, ExerciseKind.Mobility], ignoreOrder: true);
    }

    [Fact]
    public void The_gentle_start_uses_only_gentle_exercises()
    {
        RepositoryPrograms.Get("gentle-start").Items.ShouldAllBe(i => Get(i.ExerciseId).Difficulty == 1);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_template_plans_a_routine_for_a_default_profile_whatever_the_gate_allows(string id)
    {
        var items = RepositoryPrograms.Get(id).Items;
        foreach (var safety in new[] { Continue, Gentle })
        {
            var plan = CoachedRoutinePlanner.Today(items, new PlannerProfile(), Exercises, Monday, safety);
            plan.Outcome.ShouldBe(PlanOutcome.Planned, $"{id} {safety.Kind}: {plan.Message}");
            plan.Routine.ShouldNotBeNull().Items.ShouldNotBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void With_every_position_and_piece_of_equipment_each_template_plans_every_item_in_5_to_20_minutes(string id)
    {
        var t = RepositoryPrograms.Get(id);
        var r = CoachedRoutinePlanner.Today(t.Items, Anyone, Exercises, Monday, Continue).Routine.ShouldNotBeNull();
        r.Notes.ShouldBeEmpty();
        r.Items.Select(i => i.ExerciseId).ShouldBe(t.Items.Select(i => i.ExerciseId), ignoreOrder: true);
        r.TargetMinutes.ShouldBeInRange(5, 20, $"{id}: {r.TotalSeconds} s");
    }

    // Line numbers:                        1
    private const string Broken = """
        id: broken-program
        name: Broken program
        summary: A program that relieves everything.
        colour: blue
        items:
          - exercise: no-such-exercise
            maxLevelsUp: 2
          - exercise: cat-cow
            maxLevelsUp: 2
            dose:
              reps: 40
              durationSeconds: 30
          - exercise: high-knees
            maxLevelsUp: 11
            tempo: fast
          - exercise: knee-to-chest
          - exercise: cat-cow
            maxLevelsUp: 1
          - exercise: glute-bridge
            maxLevelsUp: 1
            note: Squeeze.
            dose:
              restSeconds: 10
        """;

    /// <summary>Writes the files under a new temporary content/programs folder and loads them the way the host reads them.</summary>
    private static ProgramTemplateLoad LoadFiles(ExerciseCatalogue? catalogue, params (string Path, string Text)[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "limber-programs-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (path, text) in files)
            {
                var full = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
            return ProgramTemplateLoader.Load(RepositoryPrograms.Read(folder, "content/programs"), catalogue);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_problem_in_a_broken_file_is_reported_with_its_path_line_and_field()
    {
        var load = LoadFiles(Exercises, ("broken-program.yaml", Broken));
        load.Templates.ShouldBeNull();
        load.Succeeded.ShouldBeFalse();
        var path = "content/programs/broken-program.yaml";
        load.Problems.Select(p => (p.Path, p.Line, p.Field)).ShouldBe(
        [
            (path, 3, "summary"),
            (path, 4, "colour"),
            (path, 6, "items[1].exercise"),
            (path, 11, "items[2].dose.reps"),
            (path, 12, "items[2].dose.durationSeconds"),
            (path, 14, "items[3].maxLevelsUp"),
            (path, 15, "items[3].tempo"),
            (path, 16, "items[4].maxLevelsUp"),
            (path, 17, "items[5].exercise"),
            (path, 23, "items[6].dose.restSeconds"),
        ]);
        string Message(string field) => load.Problems.Single(p => p.Field == field).Message;
        Message("summary").ShouldContain("\"relieves\"");
        Message("colour").ShouldStartWith("is not a known field");
        Message("items[1].exercise").ShouldBe("\"no-such-exercise\" is not the id of any exercise");
        Message("items[2].dose.reps").ShouldBe("must be between 1 and 30, not 40");
        Message("items[2].dose.durationSeconds").ShouldBe("must be left out: Cat-cow is not timed");
        Message("items[3].maxLevelsUp").ShouldBe("must be between 0 and 10, not 11");
        Message("items[4].maxLevelsUp").ShouldBe("is required");
        Message("items[5].exercise").ShouldContain("already items[2]");
        load.Problems[0].ToString().ShouldBe($"{path}:3: summary: " + Message("summary"));
        Should.Throw<ContentException>(load.TemplatesOrThrow).Problems.Count.ShouldBe(10);
    }

    [Fact]
    public void A_dose_value_the_exercise_needs_is_reported_where_the_dose_is()
    {
        // A timed drill given reps and no time cannot happen through changes to the catalogue dose; a hold too long can.
        const string text = """
            id: long-hold
            name: Long hold
            summary: Holds too long.
            items:
              - exercise: wall-slide
                maxLevelsUp: 0
                dose:
                  holdSeconds: 90
            """;
        var problem = LoadFiles(Exercises, ("long-hold.yaml", text)).Problems.ShouldHaveSingleItem();
        (problem.Line, problem.Field, problem.Message).ShouldBe((8, "items[1].dose.holdSeconds", "must be between 5 and 60, not 90"));
    }

    [Fact]
    public void Missing_fields_an_empty_list_a_wrong_id_and_bad_yaml_are_reported()
    {
        var load = LoadFiles(Exercises,
            ("no-summary.yaml", "id: no-summary\nname: No summary\nitems: []\n"),
            ("mismatch.yaml", "id: other-name\nname: Mismatch\nsummary: A file whose id is not its name.\nitems:\n  - exercise: cat-cow\n    maxLevelsUp: 1\n"),
            ("bad-yaml.yaml", "id: bad-yaml\nname: [oops\n"),
            ("no-items.yaml", "id: no-items\nname: No items\nsummary: Nothing.\n"));
        load.Problems.Select(p => (p.Path, p.Line, p.Field)).ShouldBe(
        [
            ("content/programs/bad-yaml.yaml", 3, "(yaml)"),
            ("content/programs/mismatch.yaml", 1, "id"),
            ("content/programs/no-items.yaml", 1, "items"),
            ("content/programs/no-summary.yaml", 1, "summary"),
            ("content/programs/no-summary.yaml", 3, "items"),
        ]);
        load.Problems.Single(p => p.Path.EndsWith("no-summary.yaml", StringComparison.Ordinal) && p.Field == "items").Message
            .ShouldBe("must list at least one exercise");
    }

    [Fact]
    public void A_duplicate_id_or_name_names_the_file_that_has_it_first()
    {
        const string text = "id: twin\nname: Twin\nsummary: One of two.\nitems:\n  - exercise: cat-cow\n    maxLevelsUp: 1\n";
        var load = LoadFiles(Exercises, ("a/twin.yaml", text), ("b/twin.yaml", text));
        load.Problems.Select(p => (p.Path, p.Line, p.Field, p.Message)).ShouldBe(
        [
            ("content/programs/b/twin.yaml", 1, "id", "\"twin\" is already used by content/programs/a/twin.yaml"),
            ("content/programs/b/twin.yaml", 2, "name", "\"Twin\" is already the name of content/programs/a/twin.yaml"),
        ]);
    }

    [Fact]
    public void Without_a_catalogue_the_files_are_still_checked_but_no_templates_are_made()
    {
        var load = LoadFiles(null, ("broken-program.yaml", Broken));
        load.Templates.ShouldBeNull();
        // The exercise ids and doses need the catalogue; the rest does not.
        load.Problems.Select(p => p.Field).ShouldBe(
            ["summary", "colour", "items[3].maxLevelsUp", "items[3].tempo", "items[4].maxLevelsUp", "items[5].exercise", "items[6].dose.restSeconds"]);

        var valid = LoadFiles(null, ("fine.yaml", "id: fine\nname: Fine\nsummary: Fine.\nitems:\n  - exercise: cat-cow\n    maxLevelsUp: 1\n"));
        valid.Problems.ShouldBeEmpty();
        valid.Templates.ShouldBeNull();
    }

    [Fact]
    public void A_valid_file_gives_prescriptions_of_the_catalogue_dose_with_the_changes()
    {
        const string text = """
            id: small
            name: Small
            summary: Two exercises.
            items:
              - exercise: knee-to-chest
                maxLevelsUp: 3
                dose:
                  holdSeconds: 20
                note: Slowly.
              - exercise: high-knees
                maxLevelsUp: 0
            """;
        var t = LoadFiles(Exercises, ("small.yaml", text)).TemplatesOrThrow().All.ShouldHaveSingleItem();
        t.ShouldBe(t with { Id = "small", Name = "Small", Summary = "Two exercises." });
        t.Items.ShouldBe(
        [
            new Prescription("knee-to-chest", Get("knee-to-chest").Dose with { HoldSeconds = 20 }, 3, "Slowly."),
            new Prescription("high-knees", Get("high-knees").Dose, 0, null),
        ]);
    }
}
