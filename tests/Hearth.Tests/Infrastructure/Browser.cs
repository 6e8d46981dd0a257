using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Hearth.Tests.Infrastructure;

/// <summary>
/// A person with a web browser and no JavaScript: keeps cookies, reads pages as parsed HTML,
/// and submits forms with the antiforgery token the page gave it.
/// </summary>
public sealed class Browser(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public static Browser Open(HearthApp app) =>
        new(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    public async Task<IHtmlDocument> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (response, page) = await GetAsync(url);
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {response.StatusCode}");
        return page;
    }

    /// <summary>Loads <paramref name="url"/>, fills the form picked by <paramref name="formSelector"/> and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, IDictionary<string, string> fields)
    {
        var page = await PageAsync(url);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new Xunit.Sdk.XunitException($"No form '{formSelector}' on {url}.");
        // Like a browser: every successful control's current value, with the given fields typed over them.
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || fields.ContainsKey(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked: values.Add(new(name, box.Value)); break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" }: break;
                case IHtmlInputElement input: values.Add(new(name, input.Value)); break;
                case IHtmlTextAreaElement area: values.Add(new(name, area.Value)); break;
                case IHtmlSelectElement select: values.Add(new(name, select.Value ?? "")); break;
            }
        }
        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public async Task SignInAsync(string userName, string password = "correct horse battery")
    {
        var response = await SubmitAsync("/account/sign-in", "form#sign-in", new Dictionary<string, string>
        {
            ["UserNameOrEmail"] = userName,
            ["Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
