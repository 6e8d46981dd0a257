using Hearth.Features.Communities;
using Hearth.Platform.Results;

namespace Hearth.Features.People;

/// <summary>Pure answers to "may this member do X to that one?".</summary>
public static class PeoplePermissions
{
    /// <summary>The expertise directory belongs to communities of practice, and is read by whoever may read its members.</summary>
    public static bool HasExpertise(CommunityAccess c) => c.Kind == nameof(CommunityKind.Practice);

    public static bool MaySeeExperts(CommunityAccess c) => CommunityPermissions.MaySeeExistence(c) && CommunityPermissions.MayRead(c);

    /// <summary>
    /// Why an endorsement is refused, or null: hidden communities stay unknown (404); a visible community that is not
    /// of practice has no expertise to endorse (409); outsiders of a Public one are told to join (403).
    /// </summary>
    public static Problem? RefuseEndorsement(CommunityAccess? c)
    {
        if (c is null || !MaySeeExperts(c)) return Problem.NotFound("No such community.");
        if (!HasExpertise(c)) return Problem.Conflict("Only communities of practice have an expertise directory.");
        if (!c.IsActiveMember) return Problem.Forbidden("Only members endorse each other: join the community first.");
        if (c.Status != "Active") return Problem.Forbidden("This community is archived.");
        return null;
    }
}
