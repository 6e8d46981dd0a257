-- Moderation, trust and safety (#6): flags, moderation actions with their appeals, sanctions, slow mode,
-- trust levels, watched words and the community's moderation settings.
-- Post states beside 'Visible': 'Hidden' (by a moderator, or by enough flags), 'Pending' (held for approval),
-- 'Removed' (deleted by a moderator, or a held post rejected).

CREATE TABLE flags (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NULL REFERENCES communities(id) ON DELETE CASCADE,
    flagger_id INTEGER NOT NULL REFERENCES users(id),
    target_kind TEXT NOT NULL,
    post_id INTEGER NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic_id INTEGER NULL REFERENCES topics(id) ON DELETE CASCADE,
    user_id INTEGER NULL REFERENCES users(id) ON DELETE CASCADE,
    target_key TEXT NOT NULL,
    reason TEXT NOT NULL,
    rule_quote TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'Open',
    created_at TEXT NOT NULL,
    resolved_by INTEGER NULL REFERENCES users(id),
    resolved_at TEXT NULL,
    resolution_note TEXT NOT NULL DEFAULT ''
);
-- One open flag per flagger per thing; a resolved flag leaves room for a new one.
CREATE UNIQUE INDEX ux_flags_open ON flags(flagger_id, target_key) WHERE state = 'Open';
CREATE INDEX ix_flags_community ON flags(community_id, state, id);
CREATE INDEX ix_flags_post ON flags(post_id, state);

CREATE TABLE moderation_actions (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NULL REFERENCES communities(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    target_user_id INTEGER NULL REFERENCES users(id),
    post_id INTEGER NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic_id INTEGER NULL REFERENCES topics(id) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    ends_at TEXT NULL,
    created_at TEXT NOT NULL,
    appeal_reason TEXT NULL,
    appealed_at TEXT NULL,
    appeal_state TEXT NULL,
    appeal_decided_by INTEGER NULL REFERENCES users(id),
    appeal_decided_at TEXT NULL,
    appeal_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_moderation_actions_community ON moderation_actions(community_id, id);
CREATE INDEX ix_moderation_actions_post ON moderation_actions(post_id, id);

CREATE TABLE watched_words (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NULL REFERENCES communities(id) ON DELETE CASCADE,
    word TEXT NOT NULL,
    action TEXT NOT NULL,
    replacement TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX ix_watched_words_community ON watched_words(community_id);

ALTER TABLE users ADD COLUMN trust_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN suspended_until TEXT NULL;
ALTER TABLE users ADD COLUMN banned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN suspended_until TEXT NULL;
ALTER TABLE topics ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE spaces ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN flags_to_hide INTEGER NOT NULL DEFAULT 3;
ALTER TABLE communities ADD COLUMN hold_first_posts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE communities ADD COLUMN public_moderation_log INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_posts_state ON posts(state, id);
