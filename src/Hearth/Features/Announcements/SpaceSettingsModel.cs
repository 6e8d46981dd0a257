using Hearth.Features.Communities;
using Hearth.Features.Discussions;

namespace Hearth.Features.Announcements;

/// <summary>What the space page hands the settings partial: the community with the viewer's role, and the space.</summary>
public sealed record SpaceSettingsModel(CommunityAccess Community, SpaceView Space);
