namespace Hearth.Features.Attachments;

public static class AttachmentsSetup
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration("Hearth:Attachments")
            .Validate(o => o.MaxBytes > 0, "Hearth:Attachments:MaxBytes must be positive.");
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentQueries>();
        services.AddSingleton<UploadAttachment>();
        return services;
    }
}
