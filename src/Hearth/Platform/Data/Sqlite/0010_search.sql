-- Search (#7): FTS5 indexes kept in step with the tables by triggers, whatever feature writes the rows.
--
-- search_posts indexes every Visible post: its body, and for a topic's first post the topic's title. It is an
-- external-content table over the view search_post_documents, so the text is not stored twice and
-- 'rebuild' (the reindex verb) reads the view. The price of external content: a row leaves the index only by a
-- 'delete' that repeats exactly the values that were indexed, so every trigger below derives them the same way the
-- view does. The scope column holds tokens that let FTS5 itself narrow a query to one topic (t<id>), one community
-- (c<id>) or first posts (op), instead of filtering after the match.
--
-- search_users indexes user names, display names and bios (external content over users).
-- Every table here starts with search_ (FTS5 shadow tables too); the schema-parity test leaves them out on purpose.

CREATE VIEW search_post_documents AS
SELECT p.id,
       CASE WHEN p.post_number = 1 THEN t.title ELSE '' END AS title,
       p.body,
       't' || t.id || ' c' || t.community_id || CASE WHEN p.post_number = 1 THEN ' op' ELSE '' END AS scope
FROM posts p JOIN topics t ON t.id = p.topic_id
WHERE p.state = 'Visible';

CREATE VIRTUAL TABLE search_posts USING fts5(
    title, body, scope,
    content = 'search_post_documents', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER search_posts_after_insert AFTER INSERT ON posts WHEN new.state = 'Visible'
BEGIN
    INSERT INTO search_posts (rowid, title, body, scope)
    SELECT new.id, CASE WHEN new.post_number = 1 THEN t.title ELSE '' END, new.body,
           't' || t.id || ' c' || t.community_id || CASE WHEN new.post_number = 1 THEN ' op' ELSE '' END
    FROM topics t WHERE t.id = new.topic_id;
END;

CREATE TRIGGER search_posts_after_update AFTER UPDATE OF topic_id, post_number, body, state ON posts
BEGIN
    INSERT INTO search_posts (search_posts, rowid, title, body, scope)
    SELECT 'delete', old.id, CASE WHEN old.post_number = 1 THEN t.title ELSE '' END, old.body,
           't' || t.id || ' c' || t.community_id || CASE WHEN old.post_number = 1 THEN ' op' ELSE '' END
    FROM topics t WHERE t.id = old.topic_id AND old.state = 'Visible';
    INSERT INTO search_posts (rowid, title, body, scope)
    SELECT new.id, CASE WHEN new.post_number = 1 THEN t.title ELSE '' END, new.body,
           't' || t.id || ' c' || t.community_id || CASE WHEN new.post_number = 1 THEN ' op' ELSE '' END
    FROM topics t WHERE t.id = new.topic_id AND new.state = 'Visible';
END;

-- When a topic is deleted its posts go by cascade after the topic row is gone, so the topic's own trigger
-- (below) takes their documents out while it still knows the title; this one handles posts deleted on their own.
CREATE TRIGGER search_posts_after_delete AFTER DELETE ON posts WHEN old.state = 'Visible'
BEGIN
    INSERT INTO search_posts (search_posts, rowid, title, body, scope)
    SELECT 'delete', old.id, CASE WHEN old.post_number = 1 THEN t.title ELSE '' END, old.body,
           't' || t.id || ' c' || t.community_id || CASE WHEN old.post_number = 1 THEN ' op' ELSE '' END
    FROM topics t WHERE t.id = old.topic_id;
END;

CREATE TRIGGER search_topics_after_update AFTER UPDATE OF title, community_id ON topics
WHEN old.title IS NOT new.title OR old.community_id IS NOT new.community_id
BEGIN
    INSERT INTO search_posts (search_posts, rowid, title, body, scope)
    SELECT 'delete', p.id, CASE WHEN p.post_number = 1 THEN old.title ELSE '' END, p.body,
           't' || old.id || ' c' || old.community_id || CASE WHEN p.post_number = 1 THEN ' op' ELSE '' END
    FROM posts p
    WHERE p.topic_id = old.id AND p.state = 'Visible' AND (p.post_number = 1 OR old.community_id IS NOT new.community_id);
    INSERT INTO search_posts (rowid, title, body, scope)
    SELECT p.id, CASE WHEN p.post_number = 1 THEN new.title ELSE '' END, p.body,
           't' || new.id || ' c' || new.community_id || CASE WHEN p.post_number = 1 THEN ' op' ELSE '' END
    FROM posts p
    WHERE p.topic_id = new.id AND p.state = 'Visible' AND (p.post_number = 1 OR old.community_id IS NOT new.community_id);
END;

CREATE TRIGGER search_topics_before_delete BEFORE DELETE ON topics
BEGIN
    INSERT INTO search_posts (search_posts, rowid, title, body, scope)
    SELECT 'delete', p.id, CASE WHEN p.post_number = 1 THEN old.title ELSE '' END, p.body,
           't' || old.id || ' c' || old.community_id || CASE WHEN p.post_number = 1 THEN ' op' ELSE '' END
    FROM posts p WHERE p.topic_id = old.id AND p.state = 'Visible';
END;

CREATE VIRTUAL TABLE search_users USING fts5(
    user_name, display_name, bio,
    content = 'users', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER search_users_after_insert AFTER INSERT ON users
BEGIN
    INSERT INTO search_users (rowid, user_name, display_name, bio) VALUES (new.id, new.user_name, new.display_name, new.bio);
END;

CREATE TRIGGER search_users_after_update AFTER UPDATE OF user_name, display_name, bio ON users
BEGIN
    INSERT INTO search_users (search_users, rowid, user_name, display_name, bio) VALUES ('delete', old.id, old.user_name, old.display_name, old.bio);
    INSERT INTO search_users (rowid, user_name, display_name, bio) VALUES (new.id, new.user_name, new.display_name, new.bio);
END;

CREATE TRIGGER search_users_after_delete AFTER DELETE ON users
BEGIN
    INSERT INTO search_users (search_users, rowid, user_name, display_name, bio) VALUES ('delete', old.id, old.user_name, old.display_name, old.bio);
END;

INSERT INTO search_posts (search_posts) VALUES ('rebuild');
INSERT INTO search_users (search_users) VALUES ('rebuild');
