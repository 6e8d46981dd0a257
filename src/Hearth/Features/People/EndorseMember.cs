using Dapper;
using Hearth.Features.Communities;
using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.People;

public sealed record EndorsementView(string UserName, string Skill, bool EndorsedByViewer, int Endorsements);

/// <summary>
/// In a community of practice, an active member endorses another active member (never themselves) for a skill,
/// once: endorsing again changes nothing, and taking it back removes the one endorsement.
/// </summary>
public sealed class EndorseMember(Db db, TimeProvider clock)
{
    public async Task<Result<EndorsementView>> HandleAsync(string slug, string userName, string skill, long endorserId, bool endorse, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var c = await CommunityAccessQuery.BySlugAsync(connection, slug, endorserId, tx);
        if (PeoplePermissions.RefuseEndorsement(c) is { } refused) return refused;
        var member = await connection.QuerySingleOrDefaultAsync<PersonRow>("""
            SELECT u.id, u.user_name, u.display_name FROM users u
            JOIN memberships m ON m.user_id = u.id AND m.community_id = @CommunityId AND m.state = 'Active'
            WHERE u.normalized_user_name = @Name
            """, new { CommunityId = c!.Id, Name = userName.Trim().ToUpperInvariant() }, tx);
        if (member is null) return Problem.NotFound("No such member in this community.");
        var normalised = Skills.Normalise(skill);
        if (!Skills.IsValid(normalised)) return Problem.Field("skill", "A skill is 1–30 letters, digits or single hyphens, like a tag.");
        if (member.Id == endorserId) return Problem.Field("userName", "You cannot endorse yourself.");

        var args = new { CommunityId = c.Id, Skill = normalised, UserId = member.Id, Endorser = endorserId, Now = clock.GetUtcNow().UtcDateTime };
        await connection.ExecuteAsync(endorse
            ? """
              INSERT INTO endorsements (community_id, skill, user_id, endorser_id, created_at) VALUES (@CommunityId, @Skill, @UserId, @Endorser, @Now)
              ON CONFLICT (community_id, skill, user_id, endorser_id) DO NOTHING
              """
            : "DELETE FROM endorsements WHERE community_id = @CommunityId AND skill = @Skill AND user_id = @UserId AND endorser_id = @Endorser",
            args, tx);
        // The same count the directory shows: endorsers who are still active members.
        var count = await connection.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM endorsements e JOIN memberships em ON em.community_id = e.community_id AND em.user_id = e.endorser_id AND em.state = 'Active'
            WHERE e.community_id = @CommunityId AND e.skill = @Skill AND e.user_id = @UserId
            """, args, tx);
        await tx.CommitAsync(ct);
        return new EndorsementView(member.UserName, normalised, endorse, count);
    }
}
