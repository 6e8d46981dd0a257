-- Attachments: files members upload, kept on disk under a random name (the id) and described here. An attachment
-- belongs to a community and, once a post's body references it, to that post: whoever reads it must see both.

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    uploader_id INTEGER NOT NULL REFERENCES users(id),
    post_id INTEGER NULL REFERENCES posts(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_attachments_post ON attachments(post_id);
CREATE INDEX ix_attachments_uploader ON attachments(uploader_id, created_at);
