-- In-app notifications (delivery by e-mail and live updates comes with the notifications issue),
-- scheduled work (event reminders, ...), and the accepted answer of a question, which several features read.

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    community_id INTEGER NULL REFERENCES communities(id) ON DELETE CASCADE,
    topic_id INTEGER NULL REFERENCES topics(id) ON DELETE CASCADE,
    post_id INTEGER NULL REFERENCES posts(id) ON DELETE CASCADE,
    actor_id INTEGER NULL REFERENCES users(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    url TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT NULL
);
CREATE INDEX ix_notifications_user ON notifications(user_id, id DESC);

CREATE TABLE scheduled_jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    due_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_at TEXT NULL,
    done_at TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_scheduled_jobs_due ON scheduled_jobs(done_at, due_at);

ALTER TABLE topics ADD COLUMN accepted_post_id INTEGER NULL REFERENCES posts(id) ON DELETE SET NULL;
