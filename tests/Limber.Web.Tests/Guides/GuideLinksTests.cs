using Limber.Domain.Planning;
using Limber.Storage;
using Limber.Web.Components.Guides;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Limber.Web.Tests.Guides;

/// <summary>The GuideLinks component that Today and the check-in page show, rendered with the app's own guides.</summary>
[Collection(ServerCollection.Name)]
public class GuideLinksTests(LimberServer server)
{
    private async Task<string> Render(PlannerProfile? profile, CheckIn? checkIn = null, int max = 3)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<GuideLinks>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(GuideLinks.Profile)] = profile,
                [nameof(GuideLinks.CheckIn)] = checkIn,
                [nameof(GuideLinks.Max)] = max,
            }));
            return output.ToHtmlString();
        });
    }

    [Fact]
    public async Task Stiff_mornings_link_heat_or_ice_with_the_reason()
    {
        var html = await Render(new PlannerProfile { MorningStiffnessMinutes = 30 });
        html.ShouldContain("<h2 id=\"guides-for-you\">Guides for you</h2>");
        html.ShouldContain("Your mornings are stiff: some people find a few minutes of warmth before stretching makes moving easier.");
        html.ShouldContain("<a href=\"/guides/heat-or-ice\">Heat or ice</a>");
    }

    [Fact]
    public async Task A_check_in_with_a_warning_sign_puts_when_to_see_a_doctor_first()
    {
        var html = await Render(new PlannerProfile { SittingHours = 9, Lifting = true },
            new CheckIn { Numbness = true, WhatHelped = ["heat"] });
        html.IndexOf("/guides/when-to-see-a-doctor", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("/guides/heat-or-ice", StringComparison.Ordinal));
        html.ShouldContain("You noted numbness or tingling in your check-in.");
    }

    [Fact]
    public async Task It_shows_at_most_the_number_asked_for()
    {
        var html = await Render(new PlannerProfile { MorningStiffnessMinutes = 30, SittingHours = 9, Lifting = true, Running = true }, max: 2);
        html.Split("<li>").Length.ShouldBe(3);
    }

    [Fact]
    public async Task Nothing_is_rendered_when_no_guide_applies() =>
        (await Render(new PlannerProfile())).Trim().ShouldBeEmpty();
}
