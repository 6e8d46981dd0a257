using Hearth.Platform.Results;

namespace Hearth.Features.Questions;

/// <summary>The one sentence a button-only form shows when its action is refused.</summary>
public static class Refusals
{
    public static string Describe<T>(Result<T> result) =>
        result.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? result.Message ?? "That did not work.";
}
