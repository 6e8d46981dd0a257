using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Hearth.Platform.Results;

namespace Hearth.Features.Conversation;

/// <param name="ClosesAt">ISO 8601 instant after which no more ballots are taken; null keeps the poll open.</param>
public sealed record PollRequest(string? Question, IReadOnlyList<string?>? Options, bool? Multiple = null, string? ClosesAt = null);

public sealed record PollOptionView
{
    public long Id { get; init; }
    public string Text { get; init; } = "";
    public int Votes { get; init; }
}

public sealed record PollView
{
    public string Question { get; init; } = "";
    public bool Multiple { get; init; }
    public DateTime? ClosesAt { get; init; }
    public bool Closed { get; init; }
    /// <summary>How many members have cast a ballot.</summary>
    public int Voters { get; init; }
    public IReadOnlyList<PollOptionView> Options { get; init; } = [];
    /// <summary>The options of the viewer's ballot (empty when they have not voted).</summary>
    public IReadOnlyList<long> MyVotes { get; init; } = [];
    [JsonIgnore] public long Id { get; init; }
}

/// <summary>A poll checked and ready to store with its topic.</summary>
public sealed record PollDraft(string Question, IReadOnlyList<string> Options, bool Multiple, DateTime? ClosesAt);

public static class PollLimits
{
    public const int Question = 200;
    public const int Option = 100;
    public const int MinOptions = 2;
    public const int MaxOptions = 20;
}

/// <summary>Polls: checked with the topic that carries them, stored in its transaction, read in the topic page's batch.</summary>
public static class Polls
{
    public static PollDraft? Parse(PollRequest? poll, Validation validation, DateTime now)
    {
        if (poll is null) return null;
        var question = poll.Question?.Trim();
        validation.Require("poll.question", question, PollLimits.Question, "The poll's question");
        var options = (poll.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (options.Count is < PollLimits.MinOptions or > PollLimits.MaxOptions)
            validation.Add("poll.options", $"A poll has {PollLimits.MinOptions} to {PollLimits.MaxOptions} options.");
        if (options.Any(o => o.Length is 0 or > PollLimits.Option))
            validation.Add("poll.options", $"Each option is 1–{PollLimits.Option} characters.");
        if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
            validation.Add("poll.options", "Each option appears once.");
        DateTime? closes = null;
        if (!string.IsNullOrWhiteSpace(poll.ClosesAt))
        {
            if (!DateTimeOffset.TryParse(poll.ClosesAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                validation.Add("poll.closesAt", "The closing time is an ISO 8601 instant, such as 2030-01-31T18:00:00Z.");
            else if (at.UtcDateTime <= now) validation.Add("poll.closesAt", "A poll closes in the future.");
            else closes = at.UtcDateTime;
        }
        return new PollDraft(question ?? "", options, poll.Multiple ?? false, closes);
    }

    public static async Task AddAsync(DbConnection connection, DbTransaction tx, long topicId, PollDraft poll, DateTime now)
    {
        var pollId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO polls (topic_id, question, multiple, closes_at, created_at) VALUES (@TopicId, @Question, @Multiple, @ClosesAt, @Now)
            RETURNING id
            """, new { TopicId = topicId, poll.Question, poll.Multiple, poll.ClosesAt, Now = now }, tx);
        await connection.ExecuteAsync("INSERT INTO poll_options (poll_id, position, text) VALUES (@PollId, @Position, @Text)",
            poll.Options.Select((text, i) => new { PollId = pollId, Position = i + 1, Text = text }), tx);
    }

    /// <summary>Three statements over topic <c>@Id</c> and viewer <c>@Viewer</c>, for the topic page's batch.</summary>
    public const string TopicSql = """
        SELECT id, question, multiple, closes_at, voter_count FROM polls WHERE topic_id = @Id;
        SELECT o.id, o.text, o.vote_count FROM poll_options o JOIN polls p ON p.id = o.poll_id WHERE p.topic_id = @Id ORDER BY o.position;
        SELECT v.option_id FROM poll_votes v JOIN polls p ON p.id = v.poll_id WHERE p.topic_id = @Id AND v.user_id = @Viewer ORDER BY v.option_id;
        """;

    public static async Task<PollView?> ReadAsync(SqlMapper.GridReader results, DateTime now)
    {
        var poll = await results.ReadSingleOrDefaultAsync<PollRow>();
        var options = (await results.ReadAsync<OptionRow>()).ToList();
        var mine = (await results.ReadAsync<long>()).ToList();
        if (poll is null) return null;
        return new PollView
        {
            Id = poll.Id,
            Question = poll.Question,
            Multiple = poll.Multiple,
            ClosesAt = poll.ClosesAt,
            Closed = poll.ClosesAt is { } at && at <= now,
            Voters = poll.VoterCount,
            Options = [.. options.Select(o => new PollOptionView { Id = o.Id, Text = o.Text, Votes = o.VoteCount })],
            MyVotes = mine,
        };
    }

    private sealed record PollRow
    {
        public long Id { get; init; }
        public string Question { get; init; } = "";
        public bool Multiple { get; init; }
        public DateTime? ClosesAt { get; init; }
        public int VoterCount { get; init; }
    }

    private sealed record OptionRow
    {
        public long Id { get; init; }
        public string Text { get; init; } = "";
        public int VoteCount { get; init; }
    }
}
