namespace Hearth.Features.Attachments;

/// <summary>What a page hands the upload partial: the community the file is for.</summary>
public sealed record UploadFormModel(string CommunitySlug)
{
    /// <summary>TempData keys of the last upload, shown once on the page the form came from.</summary>
    public const string UploadedMarkdown = "Attachments.Markdown";
    public const string UploadedName = "Attachments.FileName";
}
