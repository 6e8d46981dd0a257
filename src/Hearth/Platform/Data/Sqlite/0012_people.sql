-- People (#4): profiles (bio rendered once, expertise as normalised tags, links), follows, blocks, endorsements,
-- each member's activity count per community, and private conversations. Instants are UTC text; booleans are 0/1.

ALTER TABLE users ADD COLUMN bio_html TEXT NOT NULL DEFAULT '';

-- Skills use the topic-tag vocabulary, so "who knows X" can join them with topic_tags; the (skill, user_id) index
-- answers "who declared X" without reading every profile.
CREATE TABLE user_skills (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (user_id, skill)
);
CREATE INDEX ix_user_skills_skill ON user_skills(skill, user_id);

CREATE TABLE user_links (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (user_id, position)
);

CREATE TABLE user_follows (
    follower_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    followed_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (follower_id, followed_id)
);
CREATE INDEX ix_user_follows_followed ON user_follows(followed_id, follower_id);

CREATE TABLE user_blocks (
    blocker_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    blocked_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX ix_user_blocks_blocked ON user_blocks(blocked_id, blocker_id);

-- One row per endorser, endorsed member, skill and community: an endorsement counts once.
CREATE TABLE endorsements (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    skill TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    endorser_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (community_id, skill, user_id, endorser_id)
);
CREATE INDEX ix_endorsements_user ON endorsements(community_id, user_id, skill);

-- The member directory sorts by activity: a counter kept by a trigger on the activity record (topics and replies),
-- so sorting costs an index read and no feature that posts has to know about it.
ALTER TABLE memberships ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0;
UPDATE memberships SET post_count = (
    SELECT COUNT(*) FROM activity_events e
    WHERE e.community_id = memberships.community_id AND e.user_id = memberships.user_id AND e.kind IN ('posted', 'replied'));
CREATE INDEX ix_memberships_activity ON memberships(community_id, state, post_count DESC, id);

CREATE TRIGGER people_post_count AFTER INSERT ON activity_events WHEN new.kind IN ('posted', 'replied')
BEGIN
    UPDATE memberships SET post_count = post_count + 1 WHERE community_id = new.community_id AND user_id = new.user_id;
END;

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    last_message_id INTEGER NOT NULL DEFAULT 0,
    last_message_at TEXT NOT NULL,
    message_count INTEGER NOT NULL DEFAULT 0
);

-- last_message_at is copied onto each participant row so a member's inbox is one index range, newest first.
CREATE TABLE conversation_participants (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_read_message_id INTEGER NOT NULL DEFAULT 0,
    last_message_at TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX ix_participants_inbox ON conversation_participants(user_id, last_message_at DESC, conversation_id DESC);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_messages_conversation ON messages(conversation_id, id);
