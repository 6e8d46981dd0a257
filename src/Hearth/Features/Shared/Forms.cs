using Hearth.Platform.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Hearth.Features.Shared;

public static class Forms
{
    /// <summary>Puts a use case's failure on the form: field errors beside their inputs, the rest at the top.</summary>
    public static void AddProblem<T>(this ModelStateDictionary state, Result<T> result, string prefix = "")
    {
        if (result.Errors is { Count: > 0 } errors)
        {
            foreach (var (field, messages) in errors)
                foreach (var message in messages)
                    state.AddModelError(prefix + char.ToUpperInvariant(field[0]) + field[1..], message);
        }
        else
        {
            state.AddModelError("", result.Message ?? "That did not work.");
        }
    }

    public static IEnumerable<string> ErrorsFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
