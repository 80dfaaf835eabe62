namespace Limber.Domain.Safety;

/// <summary>
/// The warning-sign screen of safety.md sections 1 and 2: the questions, their validation and the judgement.
/// The rules only ever escalate: an answer can raise the outcome, never lower it, and the outcome is never "all clear".
/// </summary>
public static class WarningSignScreen
{
    /// <summary>
    /// The version of the rules below, stored with every judged screen. Bump it on any change to an item,
    /// a wording or a rule: a test pins it together with a checksum of the rules' behaviour.
    /// </summary>
    public const string RulesVersion = "safety-2026.11.1";

    public const int MinimumAge = 16, MaximumAge = 110;

    /// <summary>Id of the derived rule "age 50 or over, or under 20, and a first-ever episode".</summary>
    public const string AgeFirstEpisodeId = "age_first_episode";

    /// <summary>The highest disposition among the reasons wins; every reason is shown (safety.md section 1).</summary>
    public const string HighestWinsRule = "screen.highest_wins";

    /// <summary>Unsure gives one level below what yes would give for that person, and is still listed (section 2).</summary>
    public const string UnsureOneBelowRule = "screen.unsure_one_below";

    /// <summary>Only a complete screen is judged; a missing answer is never taken as "no" (section 2).</summary>
    public const string CompleteOnlyRule = "screen.complete_only";

    /// <summary>The screen is for ages 16–110; under 16 gets a clear "Limber is for adults" message (NICE NG59 covers 16 and over).</summary>
    public const string AdultsOnlyRule = "screen.adults_only";

    /// <summary>The rules only escalate: no answer lowers the outcome, and nothing is ever called "all clear".</summary>
    public const string OnlyEscalatesRule = "screen.only_escalates";

    /// <summary>Age from which <c>not_improving</c> and the no-improvement watch become urgent, and the derived rule applies.</summary>
    public const int OlderAge = 50;

    /// <summary>The derived rule also applies below this age.</summary>
    public const int YoungerAge = 20;

    private const string SaddleNumbness = "saddle_numbness";
    private const string BladderChange = "bladder_change";
    private const string BowelChange = "bowel_change";
    private const string BothLegs = "both_legs";
    private const string SexualChange = "sexual_change";
    private const string WorseningWeakness = "worsening_weakness";
    private const string MajorTrauma = "major_trauma";
    private const string ChestOrTearingPain = "chest_or_tearing_pain";
    private const string FeverVeryUnwell = "fever_very_unwell";
    private const string FeverChills = "fever_chills";
    private const string CancerHistory = "cancer_history";
    private const string WeightLoss = "weight_loss";
    private const string ConstantNightPain = "constant_night_pain";
    private const string UpperBackPain = "upper_back_pain";
    private const string LumpOrShapeChange = "lump_or_shape_change";
    private const string FractureRisk = "fracture_risk";
    private const string InfectionRisk = "infection_risk";
    private const string UrinarySymptoms = "urinary_symptoms";
    private const string UpperBellyPain = "upper_belly_pain";
    private const string UpperBellyPainSevere = "upper_belly_pain_severe";
    private const string CoughSneezePain = "cough_sneeze_pain";
    private const string PainBelowKnee = "pain_below_knee";
    private const string NotImproving = "not_improving";
    private const string InflammatoryPattern = "inflammatory_pattern";
    private const string SevereOrNotCoping = "severe_or_not_coping";

    private const string NumbnessGroup = "Numbness, bladder and bowel";
    private const string LegsGroup = "Legs and walking";
    private const string ChestGroup = "Chest, tummy and waterworks";
    private const string InjuryGroup = "Recent injury";
    private const string InfectionGroup = "Fever and infection";
    private const string CancerGroup = "Cancer and weight";
    private const string PatternGroup = "Pain pattern";
    private const string ProgressGroup = "How it is going";

    /// <summary>
    /// An item and the words that finish "You said …" and "You weren't sure whether …" in a reason.
    /// </summary>
    private sealed record ItemRule(ScreenItem Item, string Statement);

    // Display order: the emergency questions about nerves first, then the body's other warning signs,
    // then how things are going. Groups keep related questions together for a person reading them.
    private static readonly ItemRule[] Table =
    [
        Rule(SaddleNumbness, NumbnessGroup,
            "Do you have new numbness, tingling or an odd feeling around your genitals, bottom, back passage or inner thighs (for example when wiping)?",
            "This is sometimes called the saddle area: the parts that would touch a saddle when riding.",
            Disposition.Emergency, "NHS back pain; BASS 2018; Finucane 2020",
            "you have new numbness, tingling or an odd feeling around your genitals, bottom or inner thighs"),
        Rule(BladderChange, NumbnessGroup,
            "Have you had new trouble starting to pee, a weak flow, not feeling when your bladder is full, or leaking pee?",
            "The nerves that control the bladder pass through the lower back, so a new change matters.",
            Disposition.Emergency, "NHS back pain; BMJ Best Practice (cauda equina); Finucane 2020",
            "you have new trouble peeing, a weak flow, not feeling a full bladder, or leaking"),
        Rule(BowelChange, NumbnessGroup,
            "Have you newly lost control of your bowels, or stopped feeling when you need to poo or are doing one?",
            "The nerves that control the bowel pass through the lower back, so a new change matters.",
            Disposition.Emergency, "NHS back pain; Finucane 2020",
            "you have newly lost control of your bowels or can't feel a bowel movement"),
        Rule(SexualChange, NumbnessGroup,
            "Since your back pain began, have you noticed a new change in sexual function or in feeling around your genitals?",
            "For example less feeling during sex, or new trouble getting or keeping an erection.",
            Disposition.Emergency, "BMJ Best Practice (cauda equina); NHS back pain",
            "you have a new change in sexual function or genital feeling since the back pain began"),
        Rule(BothLegs, LegsGroup,
            "Do you have pain, tingling, numbness or weakness in both legs?",
            "Symptoms in both legs at once can mean nerves are being pressed; one leg only is asked below.",
            Disposition.Emergency, "NHS back pain; BASS 2018",
            "you have pain, tingling, numbness or weakness in both legs"),
        Rule(WorseningWeakness, LegsGroup,
            "Is weakness in a leg getting worse, does your foot slap down or catch so you trip, or is walking newly difficult?",
            "Foot slapping means the front of the foot drops and slaps the floor because it can't be lifted well.",
            Disposition.Emergency, "NICE CKS red flags; Finucane 2020",
            "leg weakness is getting worse, your foot slaps or catches, or walking has newly become difficult"),
        Rule(PainBelowKnee, LegsGroup,
            "Does pain go down one leg below the knee, with or without pins and needles, but without weakness?",
            "Pain travelling down a leg can come from an irritated nerve, which is worth having checked.",
            Disposition.Routine, "NICE NG59",
            "pain goes down one leg below the knee"),
        Rule(ChestOrTearingPain, ChestGroup,
            "Do you have chest pain, a sudden severe tearing pain in your back or belly, a pulsing feeling in your belly, or have you fainted?",
            "These can come from the heart or the large blood vessel in the belly rather than from the back.",
            Disposition.Emergency, "NHS back pain; Klineberg 2007",
            "you have chest pain, a sudden severe tearing pain, a pulsing feeling in your belly, or have fainted"),
        Rule(UpperBellyPain, ChestGroup,
            "Do you have pain in your upper belly that goes through to your back, with feeling sick or being sick?",
            "Pain like this can come from organs in the belly rather than from the back.",
            Disposition.Urgent, "Klineberg 2007",
            "you have upper-belly pain going through to your back, with feeling or being sick"),
        Rule(UpperBellyPainSevere, ChestGroup,
            "If you have that upper-belly pain, is it severe?",
            "Answer no if you don't have upper-belly pain going through to your back.",
            Disposition.None, "Klineberg 2007",
            "your upper-belly pain is severe"),
        Rule(UrinarySymptoms, ChestGroup,
            "Do you have burning when you pee, blood in your pee, or cramping pain from your side down to your groin?",
            "These can come from the kidneys or bladder rather than from the back.",
            Disposition.Urgent, "Klineberg 2007",
            "you have burning when you pee, blood in your pee, or cramping pain from your side to your groin"),
        Rule(MajorTrauma, InjuryGroup,
            "Did your pain start after a serious accident, such as a car crash or a fall from a height?",
            "A serious accident can injure the bones of the spine.",
            Disposition.Emergency, "NHS back pain; Downie 2013",
            "your pain started after a serious accident"),
        Rule(FractureRisk, InjuryGroup,
            "Do you have osteoporosis or have you taken steroid tablets for 3 months or more, and did the pain start suddenly after a minor fall or lift?",
            "Osteoporosis means thin, weaker bones; it and long use of steroid tablets (such as prednisolone) make bones break more easily.",
            Disposition.Urgent, "NICE CKS; Downie 2013",
            "you have osteoporosis or have taken steroid tablets for 3 months or more, and the pain started suddenly after a minor fall or lift"),
        Rule(FeverVeryUnwell, InfectionGroup,
            "Do you have a fever and feel very unwell, confused or short of breath?",
            "A fever with feeling very unwell can be a sign of a serious infection that needs help straight away.",
            Disposition.Emergency, "NHS back pain; Finucane 2020",
            "you have a fever and feel very unwell, confused or short of breath"),
        Rule(FeverChills, InfectionGroup,
            "Do you have a high temperature, chills or night sweats along with your back pain?",
            "Night sweats means waking with damp sheets or clothes; these can be signs of an infection.",
            Disposition.Urgent, "NHS 111; Finucane 2020",
            "you have a high temperature, chills or night sweats"),
        Rule(InfectionRisk, InfectionGroup,
            "Do you have a weakened immune system, inject drugs, or have you had a recent infection or a recent injection or operation on your spine?",
            "A weakened immune system can come from chemotherapy, some strong medicines or HIV; all of these make an infection near the spine more likely.",
            Disposition.Urgent, "NICE CKS; Finucane 2020",
            "you have a weakened immune system, inject drugs, or had a recent infection or spine injection or operation"),
        Rule(CancerHistory, CancerGroup,
            "Have you ever had cancer?",
            "A past cancer is one of the main reasons for a doctor to check new back pain.",
            Disposition.Urgent, "Downie 2013; Finucane 2020",
            "you have had cancer"),
        Rule(WeightLoss, CancerGroup,
            "Have you lost weight without trying?",
            "Weight loss you can't explain is worth checking with a doctor.",
            Disposition.Urgent, "NHS back pain; Finucane 2020",
            "you have lost weight without trying"),
        Rule(ConstantNightPain, PatternGroup,
            "Is your pain constant, not eased by rest or changing position, worse at night or waking you up?",
            "Everyday back pain usually changes with movement and position; pain that never lets up is worth checking.",
            Disposition.Urgent, "NHS back pain; NICE CKS",
            "your pain is constant, not eased by rest or changing position, worse at night or waking you"),
        Rule(UpperBackPain, PatternGroup,
            "Is your pain mainly in your upper back, between the shoulder blades?",
            "Limber is made for the lower back and hips; pain mainly between the shoulder blades is worth checking with a doctor first.",
            Disposition.Urgent, "NHS back pain",
            "your pain is mainly between your shoulder blades"),
        Rule(LumpOrShapeChange, PatternGroup,
            "Have you noticed a lump or swelling on your back, or a change in its shape?",
            "For example a new bump, or a curve that wasn't there before.",
            Disposition.Urgent, "NHS back pain",
            "you have a lump or swelling on your back, or its shape has changed"),
        Rule(CoughSneezePain, PatternGroup,
            "Is your pain clearly worse when you cough, sneeze or strain on the toilet?",
            "The NHS lists this among the signs to get back pain checked soon.",
            Disposition.Urgent, "NHS back pain",
            "your pain is clearly worse when you cough, sneeze or strain"),
        Rule(InflammatoryPattern, PatternGroup,
            "Have you had back pain for more than 3 months that began before age 45, with at least 4 of these: it began before 35; it wakes you in the second half of the night; pain in your buttocks; it gets better when you move; it gets better within 2 days of anti-inflammatory painkillers such as ibuprofen; a relative with spondyloarthritis; you have arthritis, heel or tendon pain, or psoriasis?",
            "Spondyloarthritis is inflammation of the spine and joints; psoriasis is a skin condition with red, scaly patches.",
            Disposition.Routine, "NICE NG65",
            "your back pain has lasted over 3 months, began before 45 and has at least 4 of the listed features"),
        Rule(NotImproving, ProgressGroup,
            "Is your back no better after 4 to 6 weeks of regular exercise, or worse after 2 weeks?",
            "Most improvement usually comes in the first 6 weeks, so no change by then is worth a check-up.",
            Disposition.Routine, "NICE CKS; Menezes Costa 2012",
            "your back is no better after 4 to 6 weeks of regular exercise, or worse after 2 weeks"),
        Rule(SevereOrNotCoping, ProgressGroup,
            "Is your pain severe or getting worse, stopping you doing daily activities, or are you worried or finding it hard to cope?",
            "You don't have to manage this alone: a doctor or physiotherapist can help you make a plan.",
            Disposition.Routine, "NHS back pain",
            "your pain is severe or getting worse, stopping daily activities, or you are worried or finding it hard to cope"),
    ];

    private static ItemRule Rule(string id, string group, string question, string explanation, Disposition yesGives, string source, string statement) =>
        new(new ScreenItem(id, group, question, explanation, yesGives, source), statement);

    /// <summary>Every question, in display order.</summary>
    public static IReadOnlyList<ScreenItem> Items { get; } = Array.AsReadOnly(Table.Select(r => r.Item).ToArray());

    /// <summary>Every rule id of the screen: the item ids, the derived rule and the general rules above.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = Array.AsReadOnly(
        [.. Items.Select(i => i.Id), AgeFirstEpisodeId, HighestWinsRule, UnsureOneBelowRule, CompleteOnlyRule, AdultsOnlyRule, OnlyEscalatesRule]);

    /// <summary>
    /// The items whose <c>yes</c> gives an emergency by itself (safety.md section 3): asked again every 7 days
    /// while a program is active, and when a stop rule says "run the emergency items".
    /// </summary>
    public static IReadOnlyList<ScreenItem> EmergencyItems { get; } =
        Array.AsReadOnly(Items.Where(i => i.YesGives == Disposition.Emergency).ToArray());

    /// <summary>
    /// Checks a submitted screen. Every problem is reported, not just the first; a screen is complete only
    /// when the age is 16–110, the first-episode answer is given and every item has yes, no or unsure.
    /// </summary>
    public static ScreenValidation Validate(int? age, bool? firstEpisode, IReadOnlyDictionary<string, string?>? answers)
    {
        var errors = new List<ScreenError>();
        switch (age)
        {
            case null:
                errors.Add(new ScreenError("age", $"Age is missing: please enter your age in years ({MinimumAge} to {MaximumAge})."));
                break;
            case < MinimumAge:
                errors.Add(new ScreenError("age",
                    $"Limber is for adults aged {MinimumAge} and over, so it can't check these answers (age {age}). "
                    + "Please talk to a doctor, nurse or physiotherapist about your back, and if something feels seriously wrong, call your local emergency number."));
                break;
            case > MaximumAge:
                errors.Add(new ScreenError("age", $"Age must be between {MinimumAge} and {MaximumAge} years; {age} is out of range. Please check the number."));
                break;
            default:
                break;
        }
        if (firstEpisode is null)
        {
            errors.Add(new ScreenError("firstEpisode",
                "First episode is missing: please say whether this is the first back pain you have ever had (yes or no)."));
        }
        var parsed = ParseAnswers(answers, Items, errors, "Please remove it: it is not one of the questions.");
        return errors.Count == 0 && age is { } a && firstEpisode is { } f && parsed is not null
            ? new ScreenValidation(new CompleteScreen(a, f, parsed), [])
            : new ScreenValidation(null, errors);
    }

    /// <summary>
    /// What the emergency answers of a recheck give on their own (safety.md section 2): any yes gives emergency, any
    /// unsure one level below, urgent; otherwise none. The routine gate reads a recheck this way, because the answers
    /// carried over from the earlier screen are already gated by that screen and its confirmation.
    /// </summary>
    public static Disposition EmergencyRecheckDisposition(IEnumerable<Answer> emergencyAnswers)
    {
        ArgumentNullException.ThrowIfNull(emergencyAnswers);
        var result = Disposition.None;
        foreach (var answer in emergencyAnswers)
        {
            var given = answer switch
            {
                Answer.Yes => Disposition.Emergency,
                Answer.Unsure => Disposition.Urgent,
                Answer.No => Disposition.None,
            };
            result = given > result ? given : result;
        }
        return result;
    }

    /// <summary>
    /// Asks the emergency items again (weekly, or after a stop rule) on top of a complete earlier screen:
    /// every emergency item must be answered and nothing else; the other answers, the age and the first-episode
    /// answer are kept from <paramref name="previous"/>. Judge the result as usual.
    /// </summary>
    public static ScreenValidation Recheck(CompleteScreen previous, IReadOnlyDictionary<string, string?>? emergencyAnswers)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var errors = new List<ScreenError>();
        var parsed = ParseAnswers(emergencyAnswers, EmergencyItems, errors, "Only the emergency questions are asked again; please remove it.");
        if (parsed is null || errors.Count > 0)
        {
            return new ScreenValidation(null, errors);
        }
        var merged = new Dictionary<string, Answer>(previous.Answers, StringComparer.Ordinal);
        foreach (var (id, answer) in parsed)
        {
            merged[id] = answer;
        }
        return new ScreenValidation(new CompleteScreen(previous.Age, previous.FirstEpisode, merged), []);
    }

    private static Dictionary<string, Answer>? ParseAnswers(
        IReadOnlyDictionary<string, string?>? answers, IReadOnlyList<ScreenItem> expected, List<ScreenError> errors, string unknownAdvice)
    {
        if (answers is null)
        {
            errors.Add(new ScreenError("answers", "Answers are missing: every question needs an answer of yes, no or unsure."));
            return null;
        }
        var expectedIds = expected.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var parsed = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (id, value) in answers)
        {
            if (!expectedIds.Contains(id))
            {
                errors.Add(new ScreenError($"answers.{id}", $"\"{Shorten(id)}\" is not a question in this screen. {unknownAdvice}"));
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                continue; // reported below as missing
            }
            else if (ParseAnswer(value) is { } answer)
            {
                parsed[id] = answer;
            }
            else
            {
                errors.Add(new ScreenError($"answers.{id}", $"The answer to {id} must be yes, no or unsure, not \"{Shorten(value)}\"."));
            }
        }
        var missing = expected.Select(i => i.Id)
            .Where(id => !answers.TryGetValue(id, out var value) || string.IsNullOrWhiteSpace(value))
            .ToList();
        if (missing.Count > 0)
        {
            var noun = missing.Count == 1 ? "This question has" : $"These {missing.Count} questions have";
            errors.Add(new ScreenError("answers",
                $"{noun} no answer yet: {string.Join(", ", missing)}. Every question needs yes, no or unsure."));
        }
        return parsed;
    }

    private static Answer? ParseAnswer(string value) => value.Trim().ToLowerInvariant() switch
    {
        "yes" => Answer.Yes,
        "no" => Answer.No,
        "unsure" => Answer.Unsure,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>
    /// Judges a complete screen: each yes gives what it gives for this person, each unsure one level below
    /// (and is still listed, even at None), the highest wins and every reason is returned.
    /// </summary>
    public static ScreenResult Judge(CompleteScreen screen)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var reasons = new List<(ScreenReason Reason, int Order)>();
        for (var order = 0; order < Table.Length; order++)
        {
            var rule = Table[order];
            var answer = screen[rule.Item.Id];
            if (answer == Answer.No)
            {
                continue;
            }
            var (yesGives, clause) = YesFor(rule.Item, screen);
            var (gives, opening) = answer switch
            {
                Answer.Yes => (yesGives, "You said "),
                Answer.Unsure => (DispositionScale.OneBelow(yesGives), "You weren't sure whether "),
                Answer.No => (Disposition.None, ""),
            };
            reasons.Add((new ScreenReason(rule.Item.Id, answer, gives, opening + rule.Statement + clause + "."), order));
        }
        if (AgeFirstEpisode(screen) is { } derived)
        {
            reasons.Add((derived, Table.Length));
        }
        var ordered = reasons
            .OrderByDescending(r => r.Reason.Disposition)
            .ThenBy(r => r.Order)
            .Select(r => r.Reason)
            .ToList();
        return new ScreenResult(DispositionScale.Highest(ordered.Select(r => r.Disposition)), ordered.AsReadOnly(), RulesVersion);
    }

    /// <summary>
    /// What <c>yes</c> on <paramref name="item"/> gives for this person, and the words that explain a raise.
    /// A partner answer of unsure counts one level below its yes, exactly like any other unsure.
    /// </summary>
    private static (Disposition Gives, string Clause) YesFor(ScreenItem item, CompleteScreen screen) => item.Id switch
    {
        UrinarySymptoms => Raised(item.YesGives, Partner(screen[FeverChills], Disposition.Emergency),
            ", together with a high temperature, chills or night sweats"),
        UpperBellyPain => Raised(item.YesGives, Partner(screen[UpperBellyPainSevere], Disposition.Emergency),
            ", and that it is severe"),
        // Counts only together with upper_belly_pain: by itself it gives nothing, yet it is still listed.
        UpperBellyPainSevere => screen[UpperBellyPain] switch
        {
            Answer.Yes => (Disposition.Emergency, ", together with upper-belly pain going through to your back"),
            Answer.Unsure => (Disposition.Urgent, ", and weren't sure about upper-belly pain going through to your back"),
            Answer.No => (Disposition.None,
                ". On its own this adds nothing, because you said you don't have upper-belly pain going through to your back"),
        },
        NotImproving => screen.Age >= OlderAge
            ? (Disposition.Urgent, $", and you are {OlderAge} or over")
            : (item.YesGives, ""),
        _ => (item.YesGives, ""),
    };

    private static Disposition Partner(Answer answer, Disposition yesGives) => answer switch
    {
        Answer.Yes => yesGives,
        Answer.Unsure => DispositionScale.OneBelow(yesGives),
        Answer.No => Disposition.None,
    };

    private static (Disposition, string) Raised(Disposition baseline, Disposition partner, string clause) =>
        partner > baseline ? (partner, clause) : (baseline, "");

    /// <summary>
    /// Derived rule: age 50 or over, or under 20, with a first-ever episode gives routine, and urgent when
    /// <c>not_improving</c> is also yes (unsure there counts one level below, so it stays routine).
    /// </summary>
    private static ScreenReason? AgeFirstEpisode(CompleteScreen screen)
    {
        if (!screen.FirstEpisode || screen.Age is >= YoungerAge and < OlderAge)
        {
            return null;
        }
        var (gives, clause) = Raised(Disposition.Routine, Partner(screen[NotImproving], Disposition.Urgent), " and it is not getting better");
        var text = $"You are {screen.Age} and this is the first back pain you have ever had{clause}. "
            + $"A first back pain at {OlderAge} or over, or under {YoungerAge}, is worth checking with a doctor.";
        return new ScreenReason(AgeFirstEpisodeId, Answer.Yes, gives, text);
    }
}
