using Hearth.Platform.Data;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

/// <summary>Moderators lock a topic (it takes no new replies, its authors no longer edit) or unlock it; audited.</summary>
public sealed class LockTopic(Db db, TimeProvider clock)
{
    public Task<Result<bool>> HandleAsync(long topicId, LockRequest request, long moderatorId, CancellationToken ct = default) =>
        ModeratedTopic.SetFlagAsync(db, clock, topicId, moderatorId, "locked", request.Locked, "locked", t => t.Locked, "lock_topic", "unlock_topic", ct);
}
