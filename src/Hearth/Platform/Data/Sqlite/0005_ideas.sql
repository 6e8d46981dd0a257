-- Ideas: one vote per member per idea (the count kept on the topic), the idea's status, and every change of it.
-- idea_status has a default so that every topic created in an Ideas space starts at 'New' without the shared
-- create-topic path knowing about ideas; only Ideas topics show or change it.

CREATE TABLE idea_votes (
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (topic_id, user_id)
);

CREATE TABLE idea_status_changes (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES users(id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL,
    note_html TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_idea_status_changes_topic ON idea_status_changes(topic_id, id);

ALTER TABLE topics ADD COLUMN vote_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE topics ADD COLUMN idea_status TEXT NOT NULL DEFAULT 'New';
-- The Ideas lists' keysets: by votes (alone or within one status) and by creation.
CREATE INDEX ix_topics_space_votes ON topics(space_id, vote_count DESC, id DESC);
CREATE INDEX ix_topics_space_status_votes ON topics(space_id, idea_status, vote_count DESC, id DESC);
CREATE INDEX ix_topics_space_created ON topics(space_id, created_at DESC, id DESC);
