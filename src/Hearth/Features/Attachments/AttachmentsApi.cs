using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hearth.Features.Attachments;

/// <summary>The multipart form of an upload, for the OpenAPI document: the file, and the community it is for.</summary>
public sealed record AttachmentForm(IFormFile File, string CommunitySlug);

public static class AttachmentsApi
{
    // Room for the multipart boundaries and the other fields around the file.
    private const long FormOverhead = 64 * 1024;

    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/attachments", async Task<Results<Created<AttachmentView>, ProblemHttpResult>> (
            HttpContext http, UploadAttachment upload, IOptions<AttachmentOptions> options) =>
        {
            var request = http.Request;
            if (!request.HasFormContentType)
                return TypedResults.Problem(title: "Send multipart/form-data with a 'file' field and a 'communitySlug' field.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            // Refuse an oversized body before reading it, and make the server stop reading one that lies about its length.
            var limit = options.Value.MaxBytes + FormOverhead;
            if (request.ContentLength > limit) return TooLarge(upload);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = limit;
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(http.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(upload);
            }
            catch (InvalidDataException)
            {
                return TypedResults.Problem(title: "The multipart form could not be read.", statusCode: StatusCodes.Status400BadRequest);
            }
            var file = form.Files.GetFile("file");
            if (file is not null && upload.TooLarge(file.Length)) return TooLarge(upload);
            var result = await upload.HandleAsync(UploadRequest.From(form["communitySlug"].ToString(), file), http.User.UserId()!.Value, http.RequestAborted);
            return result.Ok ? TypedResults.Created(result.Value!.Url, result.Value) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes).WithTags("Attachments")
          .Accepts<AttachmentForm>("multipart/form-data")
          .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
          .WithSummary("Upload a file for a community (multipart: file, communitySlug); reference its url in a post's Markdown to attach it to that post")
          .WithDescription("Accepted: PNG, JPEG, GIF, WebP, PDF, plain text and ZIP (Hearth:Attachments:AllowedTypes), verified by their bytes, " +
                           "up to Hearth:Attachments:MaxBytes (10 MB by default). The file is served at GET /attachments/{id}/{fileName} to those who may " +
                           "read the community and, once a post references it, see that post.");

        return api;
    }

    private static ProblemHttpResult TooLarge(UploadAttachment upload) =>
        TypedResults.Problem(title: upload.TooLargeMessage, statusCode: StatusCodes.Status413PayloadTooLarge,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [upload.TooLargeMessage] } });
}
