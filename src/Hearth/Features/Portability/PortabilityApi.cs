using Hearth.Features.Accounts;
using Hearth.Platform.Results;
using Hearth.Platform.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hearth.Features.Portability;

public static class PortabilityApi
{
    public static RouteGroupBuilder MapPortabilityApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/communities").WithTags("Portability");

        group.MapGet("/{slug}/export", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (string slug, HttpContext http, ExportCommunity export) =>
        {
            var ticket = await export.StartAsync(slug, http.User.UserId(), http.RequestAborted);
            if (!ticket.Ok) return ticket.ToProblem();
            return TypedResults.Stream(stream => export.WriteAsync(ticket.Value!, stream, http.RequestAborted), "application/zip", ticket.Value!.FileName);
        }).RequireAuthorization()
            .WithSummary("The whole community as one archive (application/zip, docs/archive-format.md), streamed (stewards)");

        group.MapPost("/import", async Task<Results<Created<ImportedCommunity>, ProblemHttpResult>> (
            string? slug, HttpContext http, ImportCommunity import, IOptions<PortabilityOptions> options) =>
        {
            var limit = options.Value.MaxArchiveBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            await using var file = TemporaryFile();
            var received = await ReceiveAsync(http.Request, file, limit, http.RequestAborted);
            if (received is not null) return ResultHttp.Problem(Failure.Invalid, received, new Dictionary<string, string[]> { ["archive"] = [received] });
            file.Position = 0;
            var result = await import.HandleAsync(file, slug, http.User.UserId()!.Value, http.RequestAborted);
            return result.Ok ? TypedResults.Created(result.Value!.Url, result.Value) : result.ToProblem();
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .Accepts<IFormFile>("application/zip", "multipart/form-data")
            .WithSummary("Recreate a community from an archive (body: the zip, or a multipart 'file'); ?slug= names it if the archive's slug is taken. " +
                "The caller becomes its steward; consented members are invited (any signed-in user may import)");

        var membership = group.MapGroup("/{slug}/membership/export-consent");
        membership.MapGet("", async Task<Results<Ok<ExportConsentView>, ProblemHttpResult>> (string slug, HttpContext http, ExportConsent consent) =>
            (await consent.GetAsync(slug, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().WithSummary("Whether community exports name the caller (active members)");
        membership.MapPut("", async Task<Results<Ok<ExportConsentView>, ProblemHttpResult>> (string slug, ExportConsentRequest request, HttpContext http, ExportConsent consent) =>
            (await consent.SetAsync(slug, request, http.User.UserId()!.Value)).OkOrProblem())
            .RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithSummary("The caller's own choice to be named (user name, display name, e-mail, role) in community exports; off by default");
        return api;
    }

    /// <summary>A file that deletes itself when closed: the upload lives on disk, never in memory.</summary>
    public static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "hearth-import-" + Guid.NewGuid().ToString("n") + ".zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Copies the archive (the raw body, or the first file of a multipart form) to <paramref name="file"/>; a message when it cannot.</summary>
    private static async Task<string?> ReceiveAsync(HttpRequest request, Stream file, long limit, CancellationToken ct)
    {
        Stream source = request.Body;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary)) return "The multipart body has no boundary.";
            var reader = new MultipartReader(boundary, request.Body);
            MultipartSection? section;
            try
            {
                while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
                    if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition()) break;
            }
            catch (IOException) { return "The multipart body cannot be read."; }
            catch (InvalidDataException) { return "The multipart body cannot be read."; }
            if (section is null) return "Send the archive as the request body (application/zip) or as a multipart file field.";
            source = section.Body;
        }
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > limit) return $"The archive is larger than the limit of {limit} bytes.";
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (BadHttpRequestException) { return $"The archive is larger than the limit of {limit} bytes."; }
        catch (InvalidDataException) { return "The multipart body cannot be read."; }
        return total == 0 ? "The request has no archive in it." : null;
    }
}
