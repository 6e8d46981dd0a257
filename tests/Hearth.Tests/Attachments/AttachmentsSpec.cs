using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Hearth.Tests.Discussions;
using Hearth.Tests.Infrastructure;

namespace Hearth.Tests.Attachments;

public abstract class AttachmentsSpec(HearthApp app, string folder)
{
    private async Task<(string Slug, Member Steward, Member Member)> CommunityWithMemberAsync(Action<Dictionary<string, object?>>? with = null)
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(with);
        var member = await app.NewMemberAsync("member");
        await member.JoinAsync(slug);
        return (slug, steward, member);
    }

    private async Task<(string Slug, Member Steward, Member Member)> PrivateCommunityWithMemberAsync()
    {
        var steward = await app.NewMemberAsync("steward");
        var slug = await steward.NewCommunityAsync(b => { b["visibility"] = "Private"; b["joinPolicy"] = "Invitation"; });
        var member = await app.NewMemberAsync("member");
        var invitation = await (await steward.PostAsync($"/api/v1/communities/{slug}/invitations", new { userName = member.UserName })).ShouldBe(HttpStatusCode.Created);
        await (await member.PostAsync($"/api/v1/invitations/{invitation["token"]!.GetValue<string>()}/accept", new { acceptRulesVersion = 1 })).ShouldBe(HttpStatusCode.OK);
        return (slug, steward, member);
    }

    private Task<long> RowsAsync(Member uploader) =>
        app.ScalarAsync("SELECT COUNT(*) FROM attachments WHERE uploader_id = @Id", new { uploader.Id });

    private async Task<Browser> SignedInAsync(Member member)
    {
        var browser = Browser.Open(app);
        await browser.SignInAsync(member.UserName);
        return browser;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    // ---- round trip ----

    [Fact]
    public async Task An_uploaded_image_comes_back_byte_for_byte_with_safe_headers()
    {
        var (slug, _, member) = await CommunityWithMemberAsync();
        var response = await member.Http.UploadAsync(slug, AttachmentSteps.Png, "Sunset at the lake.png", "image/png");
        var uploaded = await response.ShouldBe(HttpStatusCode.Created);

        var id = uploaded["id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal("Sunset_at_the_lake.png", uploaded["fileName"]!.GetValue<string>());
        Assert.Equal($"/attachments/{id}/Sunset_at_the_lake.png", uploaded.Url());
        Assert.Equal(uploaded.Url(), response.Headers.Location!.OriginalString);
        Assert.Equal("image/png", uploaded["contentType"]!.GetValue<string>());
        Assert.Equal(AttachmentSteps.Png.Length, uploaded["size"]!.GetValue<long>());
        Assert.True(uploaded["isImage"]!.GetValue<bool>());
        Assert.Equal($"![Sunset\\_at\\_the\\_lake.png]({uploaded.Url()})", uploaded["markdown"]!.GetValue<string>());

        // On disk under its id, never under the name it was sent with.
        var stored = Assert.Single(AttachmentSteps.FilesIn(folder), f => f.Contains(id, StringComparison.Ordinal));
        Assert.Equal(Path.Combine(folder, id[..2], id), stored);
        Assert.Equal(AttachmentSteps.Png, await File.ReadAllBytesAsync(stored));

        var download = await app.CreateClient().GetAsync(uploaded.Url());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(AttachmentSteps.Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Header(download, "X-Content-Type-Options"));
        Assert.Equal("inline", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Sunset_at_the_lake.png", download.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.True(download.Headers.CacheControl!.Private);
        Assert.False(download.Headers.CacheControl.Public);
        var policy = Header(download, "Content-Security-Policy")!;
        Assert.Contains("sandbox", policy);
        Assert.Contains("default-src 'none'", policy);
    }

    [Fact]
    public async Task Files_other_than_images_are_sent_as_downloads_with_their_own_type()
    {
        var (slug, _, member) = await CommunityWithMemberAsync();
        var cases = new (byte[] Bytes, string Name, string? Claimed, string Type, string FileName, bool Image)[]
        {
            (AttachmentSteps.Pdf, "minutes.pdf", "application/pdf", "application/pdf", "minutes.pdf", false),
            (AttachmentSteps.Zip, "archive.zip", "application/x-zip-compressed", "application/zip", "archive.zip", false),
            (AttachmentSteps.Text, "notes.txt", "text/plain", "text/plain", "notes.txt", false),
            // Types come from the bytes: a JPEG sent as a mystery is still a JPEG.
            (AttachmentSteps.Jpeg, "photo.jpeg", "application/octet-stream", "image/jpeg", "photo.jpeg", true),
            (AttachmentSteps.Gif, "wave.gif", null, "image/gif", "wave.gif", true),
            (AttachmentSteps.Webp, "tiny.webp", "image/webp", "image/webp", "tiny.webp", true),
            // Plain text whose markup is shown, never run: it keeps a .txt name and is downloaded.
            (AttachmentSteps.Html, "page.html", "text/plain", "text/plain", "page.html.txt", false),
        };
        foreach (var c in cases)
        {
            var uploaded = await member.UploadedAsync(slug, c.Bytes, c.Name, c.Claimed);
            Assert.Equal(c.Type, uploaded["contentType"]!.GetValue<string>());
            Assert.Equal(c.FileName, uploaded["fileName"]!.GetValue<string>());
            Assert.Equal(c.Image, uploaded["isImage"]!.GetValue<bool>());
            var download = await member.Http.GetAsync(uploaded.Url());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(c.Bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal(c.Type, download.Content.Headers.ContentType!.MediaType);
            Assert.Equal(c.Image ? "inline" : "attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", Header(download, "X-Content-Type-Options"));
            if (c.Type == "text/plain") Assert.Equal("utf-8", download.Content.Headers.ContentType.CharSet);
            if (!c.Image) Assert.Equal($"[{c.FileName.Replace("_", "\\_", StringComparison.Ordinal)}]({uploaded.Url()})", uploaded["markdown"]!.GetValue<string>());
        }
    }

    // ---- refusals ----

    [Fact]
    public async Task A_file_is_judged_by_its_bytes_and_refused_ones_leave_nothing_behind()
    {
        var (slug, _, member) = await CommunityWithMemberAsync();
        var before = AttachmentSteps.FilesIn(folder).Length;
        var cases = new (byte[] Bytes, string Name, string? Claimed)[]
        {
            (AttachmentSteps.Html, "cat.png", "image/png"),
            (AttachmentSteps.Exe, "cat.png", "image/png"),
            (AttachmentSteps.Exe, "setup.exe", "application/octet-stream"),
            (AttachmentSteps.Exe, "readme.txt", "text/plain"),
            (AttachmentSteps.Svg, "logo.svg", "image/svg+xml"),
            (AttachmentSteps.Html, "page.html", "text/html"),
            ([0x48, 0x69, 0xC3, 0x28, 0x0A], "broken.txt", "text/plain"),
            ([.. AttachmentSteps.Png.Take(4)], "truncated.png", "image/png"),
        };
        foreach (var c in cases)
        {
            var refused = await (await member.Http.UploadAsync(slug, c.Bytes, c.Name, c.Claimed)).ShouldFail(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("PNG", refused["errors"]!["file"]![0]!.GetValue<string>());
        }
        Assert.Equal(0, await RowsAsync(member));
        Assert.Equal(before, AttachmentSteps.FilesIn(folder).Length);
    }

    [Fact]
    public async Task Oversized_empty_and_missing_files_are_refused_without_a_trace()
    {
        var (slug, _, member) = await CommunityWithMemberAsync();
        var before = AttachmentSteps.FilesIn(folder).Length;
        byte[] large = [.. AttachmentSteps.Png, .. new byte[AttachmentSettings.MaxBytes]];
        var tooLarge = await (await member.Http.UploadAsync(slug, large, "huge.png")).ShouldFail(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("256 KB", tooLarge["title"]!.GetValue<string>());
        Assert.NotNull(tooLarge["errors"]!["file"]);
        byte[] justOver = [.. AttachmentSteps.Png, .. new byte[AttachmentSettings.MaxBytes - AttachmentSteps.Png.Length + 1]];
        await (await member.Http.UploadAsync(slug, justOver, "over.png")).ShouldFail(HttpStatusCode.RequestEntityTooLarge);
        byte[] exactly = [.. AttachmentSteps.Png, .. new byte[AttachmentSettings.MaxBytes - AttachmentSteps.Png.Length]];
        await member.UploadedAsync(slug, exactly, "exactly.png");
        Assert.Equal(1, await RowsAsync(member));

        var empty = await (await member.Http.UploadAsync(slug, [], "empty.png")).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(empty["errors"]!["file"]);
        var missing = await (await member.Http.UploadAsync(slug, null)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missing["errors"]!["file"]);
        var nowhere = await (await member.Http.UploadAsync(null, AttachmentSteps.Png)).ShouldFail(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(nowhere["errors"]!["communitySlug"]);
        await (await member.PostAsync("/api/v1/attachments", new { communitySlug = slug, file = "iVBORw0KGgo=" })).ShouldFail(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().UploadAsync(slug, AttachmentSteps.Png)).StatusCode);

        Assert.Equal(1, await RowsAsync(member));
        Assert.Equal(before + 1, AttachmentSteps.FilesIn(folder).Length);
    }

    [Fact]
    public async Task Only_active_members_upload_and_hidden_communities_stay_hidden()
    {
        var (slug, _, _) = await CommunityWithMemberAsync();
        var (hidden, _, _) = await PrivateCommunityWithMemberAsync();
        var outsider = await app.NewMemberAsync("outsider");
        var before = AttachmentSteps.FilesIn(folder).Length;

        var refused = await (await outsider.Http.UploadAsync(slug, AttachmentSteps.Png)).ShouldFail(HttpStatusCode.Forbidden);
        Assert.Contains("join", refused["title"]!.GetValue<string>());
        // Even bad input does not reveal a private community.
        await (await outsider.Http.UploadAsync(hidden, AttachmentSteps.Png)).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.Http.UploadAsync(hidden, AttachmentSteps.Exe, "x.exe", "application/octet-stream")).ShouldFail(HttpStatusCode.NotFound);
        await (await outsider.Http.UploadAsync("no-such-community", AttachmentSteps.Png)).ShouldFail(HttpStatusCode.NotFound);

        Assert.Equal(0, await RowsAsync(outsider));
        Assert.Equal(before, AttachmentSteps.FilesIn(folder).Length);
    }

    // ---- who sees a file ----

    [Fact]
    public async Task A_private_communitys_files_are_unknown_to_outsiders_and_to_members_who_left()
    {
        var (slug, steward, member) = await PrivateCommunityWithMemberAsync();
        var uploaded = await steward.UploadedAsync(slug, AttachmentSteps.Pdf, "plan.pdf", "application/pdf");
        var mine = await member.UploadedAsync(slug, AttachmentSteps.Png, "me.png");
        var outsider = await app.NewMemberAsync("outsider");

        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync(uploaded.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync(uploaded.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(uploaded.Url())).StatusCode);
        var signedInOutsider = await SignedInAsync(outsider);
        var (response, _) = await signedInOutsider.GetAsync(uploaded.Url());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);

        await member.LeaveAsync(slug);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Http.GetAsync(uploaded.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Http.GetAsync(mine.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await steward.Http.GetAsync(mine.Url())).StatusCode);
    }

    [Fact]
    public async Task A_file_referenced_by_a_post_is_seen_only_by_those_who_see_that_post()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var image = await member.UploadedAsync(slug, AttachmentSteps.Png, "diagram.png");
        var topic = await member.NewTopicAsync(slug, "How the pieces fit", $"Here is the picture:\n\n{image["markdown"]!.GetValue<string>()}\n");
        var id = image["id"]!.GetValue<string>();

        // The image renders, as a same-site image, in the post.
        var post = topic["posts"]![0]!;
        Assert.Contains($"<img src=\"{image.Url()}\"", post["bodyHtml"]!.GetValue<string>());
        var page = await Browser.Open(app).PageAsync(topic["url"]!.GetValue<string>());
        Assert.NotNull(page.QuerySelector($"article.post .prose img[src='{image.Url()}']"));
        Assert.Equal(post.Id(), await app.ScalarAsync("SELECT post_id FROM attachments WHERE id = @Id", new { Id = id }));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(image.Url())).StatusCode);

        // Someone else pasting the link does not take the file over.
        var reply = await steward.ReplyAsync(topic.Id(), $"Also: {image["markdown"]!.GetValue<string>()}");
        Assert.Equal(post.Id(), await app.ScalarAsync("SELECT post_id FROM attachments WHERE id = @Id", new { Id = id }));
        Assert.NotEqual(reply.Id(), post.Id());

        // Once the post is hidden, so is the file — except from the person who uploaded it.
        await app.ScalarAsync("UPDATE posts SET state = 'Hidden' WHERE id = @Id", new { Id = post.Id() });
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(image.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await steward.Http.GetAsync(image.Url())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync(image.Url())).StatusCode);
    }

    [Fact]
    public async Task A_file_is_only_tied_to_posts_in_its_own_community_by_its_uploader()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var other = await steward.NewCommunityAsync();
        await member.JoinAsync(other);
        var file = await member.UploadedAsync(slug, AttachmentSteps.Png, "here.png");
        var id = file["id"]!.GetValue<string>();

        await member.NewTopicAsync(other, "Posted elsewhere", $"Look: {file["markdown"]!.GetValue<string>()}");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM attachments WHERE id = @Id AND post_id IS NOT NULL", new { Id = id }));
        await steward.NewTopicAsync(slug, "Posted by someone else", $"Look: {file.Url()}");
        Assert.Equal(0, await app.ScalarAsync("SELECT COUNT(*) FROM attachments WHERE id = @Id AND post_id IS NOT NULL", new { Id = id }));

        // The uploader's own reply in the right community takes it, through a plain link as well as an image.
        var topicId = await steward.NewTopicIdAsync(slug, "Share your files here");
        var reply = await member.ReplyAsync(topicId, $"Mine is at https://hearth.example{file.Url()} if you want it.");
        Assert.Equal(reply.Id(), await app.ScalarAsync("SELECT post_id FROM attachments WHERE id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task File_names_cannot_climb_out_of_the_attachments_folder()
    {
        var (slug, _, member) = await CommunityWithMemberAsync();
        var cases = new (byte[] Bytes, string Name, string? Claimed, string Expected)[]
        {
            (AttachmentSteps.Png, "../../etc/passwd.png", "image/png", "passwd.png"),
            (AttachmentSteps.Text, "..\\..\\Windows\\win.ini", "text/plain", "win.ini.txt"),
            (AttachmentSteps.Png, "....", "image/png", "file.png"),
            (AttachmentSteps.Png, "a/b/../..", "image/png", "file.png"),
            (AttachmentSteps.Png, "%2e%2e%2f%2e%2e%2fsecret.png", "image/png", "2e_2e_2f_2e_2e_2fsecret.png"),
            (AttachmentSteps.Png, "Ünïcödé 写真.png", "image/png", "Ünïcödé_写真.png"),
            (AttachmentSteps.Png, new string('x', 300) + ".png", "image/png", new string('x', 96) + ".png"),
        };
        foreach (var c in cases)
        {
            var uploaded = await member.UploadedAsync(slug, c.Bytes, c.Name, c.Claimed);
            var id = uploaded["id"]!.GetValue<string>();
            Assert.Equal(c.Expected, uploaded["fileName"]!.GetValue<string>());
            Assert.DoesNotContain("..", uploaded.Url());
            var download = await member.Http.GetAsync(uploaded.Url());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(c.Expected, download.Content.Headers.ContentDisposition!.FileNameStar);
            Assert.Equal(Path.Combine(folder, id[..2], id), Assert.Single(AttachmentSteps.FilesIn(folder), f => f.EndsWith(id, StringComparison.Ordinal)));
        }
        Assert.All(AttachmentSteps.FilesIn(folder), f => Assert.StartsWith(folder + Path.DirectorySeparatorChar, Path.GetFullPath(f)));
        Assert.DoesNotContain(AttachmentSteps.FilesIn(folder), f => f.EndsWith(".part", StringComparison.Ordinal));

        // Addresses that try to climb are simply not attachments.
        var client = member.Http;
        foreach (var url in new[] { "/attachments/..%2F..%2Fetc%2Fpasswd/x", "/attachments/%2e%2e/passwd", "/attachments/0123456789abcdef0123456789ABCDEF/x.png", "/attachments/0123456789abcdef0123456789abcdef/x.png" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_upload_route_is_in_the_openapi_document_as_a_multipart_form()
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var upload = document["paths"]!["/api/v1/attachments"]?["post"];
        Assert.NotNull(upload?["summary"]);
        Assert.NotNull(upload!["requestBody"]!["content"]!["multipart/form-data"]);
        Assert.NotNull(upload["responses"]!["201"]);
    }

    // ---- pages ----

    [Fact]
    public async Task The_reply_area_uploads_without_javascript_and_shows_the_snippet_to_paste()
    {
        var (slug, steward, member) = await CommunityWithMemberAsync();
        var topic = await steward.NewTopicAsync(slug, "Show your workbench");
        var url = topic["url"]!.GetValue<string>();
        var browser = await SignedInAsync(member);

        var page = await browser.PageAsync(url);
        var form = page.QuerySelector("form#upload")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("label[for=upload-file]"));
        Assert.Equal("file", form.QuerySelector("input#upload-file")!.GetAttribute("type"));

        var response = await PostUploadFormAsync(browser, page, "form#upload", AttachmentSteps.Png, "bench.png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url + "#upload", response.Headers.Location!.OriginalString);
        var after = await browser.PageAsync(url);
        var snippet = after.QuerySelector("[data-testid=upload-snippet] code")!.TextContent;
        Assert.Matches(@"^!\[bench\.png\]\(/attachments/[0-9a-f]{32}/bench\.png\)$", snippet);
        // Shown once: the next visit has a clean form.
        Assert.Null((await browser.PageAsync(url)).QuerySelector("[data-testid=upload-snippet]"));

        // Pasting the snippet into the reply attaches the file to that reply.
        var posted = await browser.SubmitAsync(url, "form#reply", new Dictionary<string, string> { ["Body"] = "My bench: " + snippet });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var reply = (await browser.PageAsync(url)).QuerySelectorAll("article.post").Last();
        var src = reply.QuerySelector(".prose img")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(src)).StatusCode);
        Assert.Equal(1, await app.ScalarAsync("SELECT COUNT(*) FROM attachments WHERE uploader_id = @Id AND post_id IS NOT NULL", new { member.Id }));
    }

    [Fact]
    public async Task The_new_topic_form_has_an_upload_form_and_refusals_are_explained()
    {
        var (slug, _, member) = await CommunityWithMemberAsync();
        var browser = await SignedInAsync(member);
        var page = await browser.PageAsync($"/c/{slug}/s/general");
        Assert.NotNull(page.QuerySelector("form#new-topic"));
        Assert.NotNull(page.QuerySelector("form#upload"));

        var refused = await PostUploadFormAsync(browser, page, "form#upload", AttachmentSteps.Html, "cat.png", "image/png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var explained = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("PNG", explained.QuerySelector("form#upload .field-error")!.TextContent);
        Assert.Equal($"/c/{slug}/s/general", explained.QuerySelector("[data-testid=back]")!.GetAttribute("href"));
        byte[] large = [.. AttachmentSteps.Png, .. new byte[AttachmentSettings.MaxBytes]];
        var tooLarge = await PostUploadFormAsync(browser, page, "form#upload", large, "huge.png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(0, await RowsAsync(member));

        // Outsiders see no upload form, and a forged upload stores nothing.
        var outsider = await app.NewMemberAsync("outsider");
        var outsiderBrowser = await SignedInAsync(outsider);
        var outsiderPage = await outsiderBrowser.PageAsync($"/c/{slug}/s/general");
        Assert.Null(outsiderPage.QuerySelector("form#upload"));
        var forged = await PostUploadFormAsync(outsiderBrowser, outsiderPage, null, AttachmentSteps.Png, "x.png", community: slug);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, await RowsAsync(outsider));
    }

    /// <summary>
    /// Posts an upload form as a browser would: multipart, with the form's hidden fields (its antiforgery token among them),
    /// or — for a forged post with no form on the page — the page's token and the given community.
    /// </summary>
    private static async Task<HttpResponseMessage> PostUploadFormAsync(Browser browser, AngleSharp.Html.Dom.IHtmlDocument page, string? formSelector,
        byte[] bytes, string fileName, string contentType = "image/png", string? community = null)
    {
        var content = new MultipartFormDataContent();
        var hidden = formSelector is null
            ? page.QuerySelectorAll("input[name=__RequestVerificationToken]").Take(1)
            : page.QuerySelector(formSelector)!.QuerySelectorAll("input[type=hidden]");
        foreach (var input in hidden)
            content.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        if (community is not null) content.Add(new StringContent(community), "Community");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        content.Add(file, "File", fileName);
        return await browser.Http.PostAsync("/attachments/upload", content);
    }
}

[Collection(AttachmentEngines.Sqlite), Trait("Engine", Engines.Sqlite)]
public sealed class AttachmentsOnSqlite(AttachmentsSqliteApp app) : AttachmentsSpec(app, app.AttachmentsFolder);

[Collection(AttachmentEngines.Postgres), Trait("Engine", Engines.Postgres)]
public sealed class AttachmentsOnPostgres(AttachmentsPostgresApp app) : AttachmentsSpec(app, app.AttachmentsFolder);
