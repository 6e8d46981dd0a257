-- Delivery: subscriptions (watch / track / normal / mute), e-mail preferences, the e-mail outbox, and one-use
-- account tokens (e-mail confirmation, password reset).

-- One row per member and thing followed; scope is 'community', 'space' or 'topic' and target_id its id. No row means
-- the default level (see Subscriptions.cs).
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    level TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_id, scope, target_id)
);
CREATE INDEX ix_subscriptions_target ON subscriptions(scope, target_id, level);

ALTER TABLE users ADD COLUMN email_notifications INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN digest TEXT NOT NULL DEFAULT 'none';
ALTER TABLE users ADD COLUMN last_digest_at TEXT NULL;

-- Written in the same transaction as the message's cause; a background sender claims, sends and retries.
CREATE TABLE email_outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    user_id INTEGER NULL REFERENCES users(id) ON DELETE CASCADE,
    notification_id INTEGER NULL REFERENCES notifications(id) ON DELETE CASCADE,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    list TEXT NULL,
    state TEXT NOT NULL,
    due_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_at TEXT NULL,
    claimed_by TEXT NULL,
    sent_at TEXT NULL,
    last_error TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_email_outbox_due ON email_outbox(state, due_at);

CREATE TABLE account_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL
);
CREATE INDEX ix_account_tokens_user ON account_tokens(user_id, purpose);

-- The unread count in every page's header.
CREATE INDEX ix_notifications_unread ON notifications(user_id, read_at);
-- The digest job's look for members whose digest is due.
CREATE INDEX ix_users_digest ON users(digest, last_digest_at);
