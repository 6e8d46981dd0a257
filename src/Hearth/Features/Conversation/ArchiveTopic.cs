using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

/// <summary>
/// Moderators archive a topic — kept for reading, closed to replies, reactions and its authors' edits and deletions — or
/// bring it back; audited.
/// </summary>
public sealed class ArchiveTopic(Db db, TimeProvider clock)
{
    public Task<Result<bool>> HandleAsync(long topicId, ArchiveRequest request, long moderatorId, CancellationToken ct = default) =>
        ModeratedTopic.SetFlagAsync(db, clock, topicId, moderatorId, "archived", request.Archived, "archived", t => t.Archived, "archive_topic", "unarchive_topic", ct);
}
