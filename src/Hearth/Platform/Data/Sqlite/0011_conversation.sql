-- Conversation depth: reactions (one of each kind per member per post), kept revisions of edited posts, who edited
-- a post last, and topic read state (the last post number a member has seen).

CREATE TABLE post_reactions (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (post_id, user_id, kind)
);
CREATE INDEX ix_post_reactions_post_kind ON post_reactions(post_id, kind, created_at);

CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    editor_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (post_id, revision)
);

ALTER TABLE posts ADD COLUMN revision_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE topic_reads (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    last_read_post_number INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, topic_id)
);

-- A poll belongs to one topic; each member casts one ballot (one option, or several when multiple), which they may
-- change until the poll closes. Counts are kept on write so the topic page reads them without counting votes.
CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL UNIQUE REFERENCES topics(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    multiple INTEGER NOT NULL DEFAULT 0,
    closes_at TEXT NULL,
    voter_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE poll_options (
    id INTEGER PRIMARY KEY,
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    vote_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (poll_id, position)
);

CREATE TABLE poll_votes (
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    option_id INTEGER NOT NULL REFERENCES poll_options(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, user_id, option_id)
);
