using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Limber.Domain.Safety;

namespace Limber.Web.Tests.Safety;

/// <summary>
/// Whatever arrives at the screen endpoint, the answer is a 2xx or a 4xx with problem+json: never a 500.
/// Bodies are generated: random text, random JSON, and valid screens with one thing broken.
/// </summary>
[Collection(ServerCollection.Name)]
public class ScreenRobustnessTests(LimberServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    private static readonly string[] Ids = WarningSignScreen.Items.Select(i => i.Id).ToArray();

    private static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (3, Gen.OneOfConst<JsonNode?>("yes", "no", "unsure", "YES", "", " maybe ", null)),
        (1, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Const<JsonNode?>(new JsonArray(1, "x"))),
        (1, Gen.Const<JsonNode?>(new JsonObject { ["nested"] = "yes" })));

    /// <summary>A complete valid screen, then a handful of random changes to it.</summary>
    private static readonly Gen<string> BrokenScreens =
        Gen.Select(Gen.Int[-5, 130], Gen.Bool, Gen.Int[0, 6].Array[0, 4], Value.Array[4], Gen.String[0, 20].Array[4],
            (age, first, edits, values, keys) =>
            {
                var answers = new JsonObject();
                foreach (var id in Ids)
                {
                    answers[id] = "no";
                }
                var body = new JsonObject { ["age"] = age, ["firstEpisode"] = first, ["answers"] = answers };
                for (var i = 0; i < edits.Length; i++)
                {
                    var id = Ids[Math.Abs(keys[i].Length * 7 + i) % Ids.Length];
                    switch (edits[i])
                    {
                        case 0: answers.Remove(id); break;
                        case 1: answers[id] = values[i]?.DeepClone(); break;
                        case 2: answers[keys[i]] = values[i]?.DeepClone(); break;
                        case 3: body["age"] = values[i]?.DeepClone(); break;
                        case 4: body["firstEpisode"] = values[i]?.DeepClone(); break;
                        case 5: body[keys[i].Length == 0 ? "extra" : keys[i]] = values[i]?.DeepClone(); break;
                        default: body["answers"] = values[i]?.DeepClone(); break;
                    }
                }
                return body.ToJsonString();
            });

    /// <summary>Text that is mostly not JSON: truncated documents, stray characters, odd nesting.</summary>
    private static readonly Gen<string> Garbage = Gen.OneOf(
        Gen.String,
        Gen.Char["{}[]\":,0123456789aeyns \\\t\n"].Array[0, 200].Select(c => new string(c)),
        BrokenScreens.Select(Gen.Int[0, 99], (s, cut) => s[..(s.Length * cut / 100)]));

    private async Task<HttpStatusCode> Post(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _http.PostAsync(new Uri("/api/v1/safety/screen", UriKind.Relative), content);
        var status = response.StatusCode;
        if ((int)status >= 400)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        }
        return status;
    }

    [Fact]
    public async Task Broken_screens_are_answered_with_2xx_or_4xx_never_500() =>
        await BrokenScreens.SampleAsync(async body =>
        {
            var status = (int)await Post(body);
            return status is >= 200 and < 500;
        }, iter: 1500, threads: 1);

    [Fact]
    public async Task Garbage_is_answered_with_4xx_never_500() =>
        await Garbage.SampleAsync(async body =>
        {
            var status = (int)await Post(body);
            return status is >= 400 and < 500;
        }, iter: 1500, threads: 1);
}
