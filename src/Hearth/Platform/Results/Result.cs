namespace Hearth.Platform.Results;

/// <summary>The named ways a use case can fail; each maps to one HTTP status in <see cref="ResultHttp"/>.</summary>
public enum Failure { None, NotFound, Forbidden, Invalid, Conflict, TooManyRequests }

/// <summary>A use case's outcome: a value, or a named failure with a message and per-field errors.</summary>
public readonly record struct Result<T>
{
    public T? Value { get; private init; }
    public Failure Failure { get; private init; }
    public string? Message { get; private init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; private init; }
    /// <summary>For <see cref="Failure.TooManyRequests"/>: how many seconds until the caller may try again.</summary>
    public int? RetryAfter { get; private init; }
    public bool Ok => Failure == Failure.None;

    public static implicit operator Result<T>(T value) => new() { Value = value };
    public static implicit operator Result<T>(Problem problem) =>
        new() { Failure = problem.Failure, Message = problem.Message, Errors = problem.Errors, RetryAfter = problem.RetryAfter };

    public Result<TOther> As<TOther>() =>
        Ok ? throw new InvalidOperationException("Only failures convert.") : new Problem(Failure, Message ?? "", Errors) { RetryAfter = RetryAfter };
}

/// <summary>A failure without a value type, convertible to any <see cref="Result{T}"/>.</summary>
public sealed record Problem(Failure Failure, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>For <see cref="Failure.TooManyRequests"/>: seconds until the caller may try again (sent as Retry-After).</summary>
    public int? RetryAfter { get; init; }

    public static Problem TooManyRequests(string why, int retryAfterSeconds) =>
        new(Failure.TooManyRequests, why) { RetryAfter = Math.Max(1, retryAfterSeconds) };

    public static Problem NotFound(string what = "Not found.") => new(Failure.NotFound, what);
    public static Problem Forbidden(string why) => new(Failure.Forbidden, why);
    public static Problem Conflict(string why) => new(Failure.Conflict, why);
    public static Problem Invalid(string why) => new(Failure.Invalid, why);

    public static Problem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(Failure.Invalid, "One or more fields are not valid.", errors);

    public static Problem Field(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Collects per-field messages; <see cref="Problem"/> is null when every field passed.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validation Require(string field, string? value, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{label} is required.");
        else if (value.Length > max) Add(field, $"{label} must be at most {max} characters.");
        else NoNul(field, value, label);
        return this;
    }

    public Validation Optional(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max) Add(field, $"{label} must be at most {max} characters.");
        else if (value is not null) NoNul(field, value, label);
        return this;
    }

    // PostgreSQL text cannot hold U+0000 (the write failed with a 500; the abuse sweep found it), and no person types one.
    private void NoNul(string field, string value, string label)
    {
        if (value.Contains('\0', StringComparison.Ordinal)) Add(field, $"{label} must not contain NUL characters.");
    }

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok) Add(field, message);
        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public Problem? Problem => _errors.Count == 0
        ? null
        : Results.Problem.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
