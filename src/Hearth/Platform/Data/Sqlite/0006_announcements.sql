-- Announcements: a space may take no replies; pinned topics list first in their space; and who has seen a topic is
-- kept once per member (topic_views), with the count on the topic so the page reads it without counting rows.

ALTER TABLE spaces ADD COLUMN allow_replies INTEGER NOT NULL DEFAULT 1;
ALTER TABLE topics ADD COLUMN seen_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE topic_views (
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (topic_id, user_id)
);

-- A space's list reads (pinned, last activity, id) descending straight off this index.
CREATE INDEX ix_topics_space_pinned ON topics(space_id, pinned DESC, last_activity_at DESC, id DESC);
