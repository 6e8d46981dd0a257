using Hearth.Platform.Results;

namespace Hearth.Features.Messages;

/// <summary>Field limits shared by the API, the pages and the validation.</summary>
public static class MessageLimits
{
    public const int Subject = 200;
    public const int Body = 20_000;
    public const int Recipients = 20;
}

internal static class MessageRules
{
    public static Validation Body(this Validation validation, string? body) =>
        validation.Require("body", body, MessageLimits.Body, "Message");

    public static string Url(long conversationId) => $"/messages/{conversationId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
