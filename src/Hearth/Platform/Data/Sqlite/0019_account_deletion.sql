-- A deleted account stays as a nameless row (posts, votes and moderation records point at it) marked with when it went.
ALTER TABLE users ADD COLUMN deleted_at TEXT NULL;
