using Dapper;
using Hearth.Platform.Data;
using Hearth.Platform.Markdown;
using Hearth.Platform.Results;

namespace Hearth.Features.People;

/// <summary>A partial edit: a field left out (null) keeps its value; an empty list clears skills or links.</summary>
public sealed record EditProfileRequest(string? DisplayName = null, string? Bio = null, IReadOnlyList<string?>? Skills = null, IReadOnlyList<string?>? Links = null);

/// <summary>
/// A member edits their own profile: display name, bio (Markdown rendered once, here), skills and links — in one
/// transaction, so a reader never sees half an edit.
/// </summary>
public sealed class EditProfile(Db db)
{
    public async Task<Result<MemberProfile>> HandleAsync(long userId, EditProfileRequest request, CancellationToken ct = default)
    {
        var validation = new Validation();
        var displayName = request.DisplayName?.Trim();
        if (request.DisplayName is not null) validation.Require("displayName", displayName, ProfileLimits.DisplayName, "Display name");
        validation.Optional("bio", request.Bio, ProfileLimits.Bio, "Bio");
        var skills = request.Skills is null ? null : Skills.Normalise(request.Skills, validation);
        var links = request.Links is null ? null : ProfileLinks.Normalise(request.Links, validation);
        if (validation.Problem is { } invalid) return invalid;
        var bioHtml = request.Bio is null ? null : MarkdownRenderer.ToHtml(request.Bio);

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection);
        var userName = await connection.QuerySingleOrDefaultAsync<string>("SELECT user_name FROM users WHERE id = @Id", new { Id = userId }, tx);
        if (userName is null) return Problem.NotFound("No such member.");
        if (displayName is not null || request.Bio is not null)
        {
            await connection.ExecuteAsync("""
                UPDATE users SET display_name = COALESCE(@DisplayName, display_name), bio = COALESCE(@Bio, bio), bio_html = COALESCE(@BioHtml, bio_html)
                WHERE id = @Id
                """, new { DisplayName = displayName, Bio = request.Bio?.Trim(), BioHtml = bioHtml, Id = userId }, tx);
        }
        if (skills is not null)
        {
            await connection.ExecuteAsync("DELETE FROM user_skills WHERE user_id = @Id", new { Id = userId }, tx);
            await connection.ExecuteAsync("INSERT INTO user_skills (user_id, skill, position) VALUES (@Id, @Skill, @Position)",
                skills.Select((skill, i) => new { Id = userId, Skill = skill, Position = i }), tx);
        }
        if (links is not null)
        {
            await connection.ExecuteAsync("DELETE FROM user_links WHERE user_id = @Id", new { Id = userId }, tx);
            await connection.ExecuteAsync("INSERT INTO user_links (user_id, position, url) VALUES (@Id, @Position, @Url)",
                links.Select((url, i) => new { Id = userId, Position = i, Url = url }), tx);
        }
        var profile = await PeopleQueries.ProfileAsync(connection, userName, userId, tx);
        await tx.CommitAsync(ct);
        return profile!;
    }
}
