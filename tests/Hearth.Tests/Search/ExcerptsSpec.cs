using Hearth.Features.Search;

namespace Hearth.Tests.Search;

public sealed class ExcerptsSpec
{
    private static string Html(string text, string query) => Snippets.ToHtml(Excerpts.Mark(text, SearchText.Parse(query)));

    [Fact]
    public void Every_form_of_a_searched_word_is_marked()
    {
        Assert.Equal("Two <mark>ovens</mark>, one <mark>Oven</mark> and <mark>baking</mark> that we <mark>baked</mark>",
            Html("Two ovens, one Oven and baking that we baked", "oven bake"));
        Assert.Equal("<mark>Café</mark> au lait", Html("Café au lait", "cafe"));
    }

    [Fact]
    public void The_excerpt_is_a_window_around_the_first_hit()
    {
        var words = string.Join(' ', Enumerable.Range(1, 100).Select(i => $"w{i}"));
        var html = Html(words, "w50");
        Assert.StartsWith("… w44 w45", html);
        Assert.Contains("<mark>w50</mark>", html);
        Assert.EndsWith("w67 …", html);
    }

    [Fact]
    public void Without_a_hit_in_the_text_the_excerpt_is_its_beginning()
    {
        Assert.Equal("The title matched, not the body.", Html("The title matched, not the body.", "quince"));
        Assert.Equal("", Html("", "quince"));
    }

    [Fact]
    public void Markers_the_author_wrote_are_dropped_not_turned_into_marks()
    {
        Assert.Equal("stray <mark>quince</mark> here", Html("stray \u0002 \u0003quince here", "quince"));
    }
}

public sealed class SearchRankSpec
{
    private static readonly DateTime Now = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_title_holding_every_word_outranks_a_newer_mention()
    {
        var text = SearchText.Parse("sourdough starters");
        Assert.True(SearchRank.TitleHolds("Keeping a sourdough starter alive", text));
        Assert.False(SearchRank.TitleHolds("Sourdough in winter", text));
        Assert.True(SearchRank.Score(inTitle: true, Now.AddDays(-60), Now) > SearchRank.Score(inTitle: false, Now, Now));
    }

    [Fact]
    public void Between_equals_the_newer_match_ranks_first()
    {
        Assert.True(SearchRank.Score(false, Now.AddDays(-1), Now) > SearchRank.Score(false, Now.AddDays(-30), Now));
        Assert.Equal(1.0, SearchRank.Score(false, Now, Now), 6);
    }
}
