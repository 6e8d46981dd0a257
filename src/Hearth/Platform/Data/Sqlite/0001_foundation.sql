-- Foundation: accounts, communities, membership, spaces, topics, posts.
-- Instants are UTC text ('yyyy-MM-dd HH:mm:ss.FFFFFFF', which sorts chronologically); booleans are 0/1.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    normalized_email TEXT NOT NULL UNIQUE,
    email_confirmed INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NULL,
    security_stamp TEXT NOT NULL,
    concurrency_stamp TEXT NOT NULL,
    lockout_end TEXT NULL,
    lockout_enabled INTEGER NOT NULL DEFAULT 1,
    access_failed_count INTEGER NOT NULL DEFAULT 0,
    is_admin INTEGER NOT NULL DEFAULT 0,
    display_name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT NULL,
    revoked_at TEXT NULL
);
CREATE INDEX ix_api_tokens_user ON api_tokens(user_id);

CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY,
    friendly_name TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL
);

CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    normalized_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    domain TEXT NULL,
    purpose TEXT NOT NULL,
    purpose_html TEXT NOT NULL,
    values_statement TEXT NOT NULL,
    values_html TEXT NOT NULL,
    rules TEXT NOT NULL,
    rules_html TEXT NOT NULL,
    rules_version INTEGER NOT NULL,
    visibility TEXT NOT NULL,
    join_policy TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'Active',
    member_count INTEGER NOT NULL DEFAULT 0,
    topic_count INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_activity_at TEXT NOT NULL
);
CREATE INDEX ix_communities_directory ON communities(visibility, normalized_name);

CREATE TABLE community_versions (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    purpose_html TEXT NOT NULL,
    values_statement TEXT NOT NULL,
    values_html TEXT NOT NULL,
    rules TEXT NOT NULL,
    rules_html TEXT NOT NULL,
    edited_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (community_id, version)
);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    state TEXT NOT NULL,
    rules_version_accepted INTEGER NULL,
    rules_accepted_at TEXT NULL,
    requested_at TEXT NULL,
    joined_at TEXT NULL,
    updated_at TEXT NOT NULL,
    decided_by INTEGER NULL REFERENCES users(id),
    UNIQUE (community_id, user_id)
);
CREATE INDEX ix_memberships_user ON memberships(user_id, state);
CREATE INDEX ix_memberships_community ON memberships(community_id, state, role);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    invited_user_id INTEGER NULL REFERENCES users(id) ON DELETE CASCADE,
    email TEXT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT NULL,
    accepted_by INTEGER NULL REFERENCES users(id)
);
CREATE INDEX ix_invitations_community ON invitations(community_id);

CREATE TABLE spaces (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    who_can_start TEXT NOT NULL,
    position INTEGER NOT NULL,
    topic_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (community_id, slug)
);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    space_id INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    post_count INTEGER NOT NULL DEFAULT 0,
    reply_count INTEGER NOT NULL DEFAULT 0,
    view_count INTEGER NOT NULL DEFAULT 0,
    last_post_user_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    last_activity_at TEXT NOT NULL
);
CREATE INDEX ix_topics_space_activity ON topics(space_id, last_activity_at DESC, id DESC);
CREATE INDEX ix_topics_community_activity ON topics(community_id, last_activity_at DESC, id DESC);

CREATE TABLE topic_tags (
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (topic_id, tag)
);
CREATE INDEX ix_topic_tags_tag ON topic_tags(community_id, tag);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    post_number INTEGER NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    reply_to_post_id INTEGER NULL REFERENCES posts(id),
    state TEXT NOT NULL DEFAULT 'Visible',
    created_at TEXT NOT NULL,
    edited_at TEXT NULL,
    UNIQUE (topic_id, post_number)
);
CREATE INDEX ix_posts_author ON posts(author_id, created_at);

CREATE TABLE activity_events (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    topic_id INTEGER NULL,
    post_id INTEGER NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_activity_community ON activity_events(community_id, created_at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NULL REFERENCES communities(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES users(id),
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX ix_audit_community ON audit_log(community_id, created_at);
