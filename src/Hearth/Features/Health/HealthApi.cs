using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hearth.Features.Health;

/// <summary>
/// The health routes, for a community's stewards and moderators: its figures as JSON and as CSV. Other members (and
/// readers of a Public community) get 403; outsiders of a Restricted or Private community 404.
/// </summary>
public static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        var community = api.MapGroup("/communities/{slug}").WithTags("Health");

        community.MapGet("/health", async Task<Results<Ok<HealthFigures>, ProblemHttpResult>> (string slug, HttpContext http, HealthQueries queries) =>
        {
            var result = await queries.GetAsync(slug, http.User.UserId(), ct: http.RequestAborted);
            return result.Ok ? TypedResults.Ok(result.Value!.Figures) : result.ToProblem();
        }).RequireAuthorization()
          .WithSummary("A community's health figures from its latest roll-up (computedAt): active members, new members, weekly posts, response times, reciprocity, concentration, idea feedback and the style mix with its readings; stewards and moderators");

        community.MapGet("/health.csv", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string slug, HttpContext http, HealthQueries queries) =>
        {
            var result = await queries.GetAsync(slug, http.User.UserId(), ct: http.RequestAborted);
            if (!result.Ok) return result.ToProblem();
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{result.Value!.Community.Slug}-health.csv\"";
            return TypedResults.Text(HealthCsv.Write(result.Value.Figures), HealthCsv.ContentType);
        }).RequireAuthorization()
          .WithSummary("The same figures as CSV (section,figure,period_start,value), with the daily and weekly series; stewards and moderators")
          .Produces<string>(StatusCodes.Status200OK, "text/csv");
        return api;
    }
}
