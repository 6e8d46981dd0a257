using Hearth.Features.Health;

namespace Hearth.Tests.Health;

/// <summary>The readings follow the figures: the same community reads differently as its mix changes.</summary>
public sealed class StyleReadingsSpec
{
    private static StyleShare Share(int posts, int of) => new() { Posts = posts, Share = of == 0 ? null : (double)posts / of };

    private static string[] Codes(StyleMix mix) => [.. StyleReadings.For(mix, new Responsiveness(), new IdeaFeedback()).Select(r => r.Code)];

    [Fact]
    public void Discussion_alone_is_read_as_such_and_points_to_questions_and_ideas()
    {
        var talk = new StyleMix { Posts = 4, Conversation = Share(4, 4) };
        var reading = Assert.Single(StyleReadings.For(talk, new Responsiveness(), new IdeaFeedback()));
        Assert.Equal("conversation-only", reading.Code);
        Assert.Contains("100% of posts", reading.Text);

        // Once members ask questions, the advice no longer applies; and nothing at all reads as quiet.
        var mixed = new StyleMix { Posts = 6, Conversation = Share(4, 6), Support = Share(2, 6) };
        Assert.DoesNotContain("conversation-only", Codes(mixed));
        Assert.Equal(["quiet"], Codes(new StyleMix()));
    }
}
