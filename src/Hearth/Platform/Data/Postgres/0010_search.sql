-- Search (#7): tsvector documents in their own tables, kept in step with the tables by triggers, whatever feature
-- writes the rows, with GIN indexes. A generated column cannot read another table (a first post's document holds
-- its topic's title), hence triggers; and separate tables keep posts and users identical on both engines.
--
-- search_posts holds one document per Visible post: its body (weight B) and, for a topic's first post, the title
-- (weight A). search_users holds user names and display names (A) and bios (B).
-- Every table here starts with search_; the schema-parity test leaves them out on purpose.

CREATE FUNCTION search_post_vector(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', body), 'B')
$$;

CREATE FUNCTION search_user_vector(user_name text, display_name text, bio text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', user_name || ' ' || display_name), 'A') || setweight(to_tsvector('simple', bio), 'B')
$$;

CREATE TABLE search_posts (
    post_id bigint PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
    vector tsvector NOT NULL
);
-- fastupdate off: each write updates the index at once instead of piling into a pending list that some later
-- unlucky reply has to merge (a latency spike of hundreds of milliseconds on a busy site).
CREATE INDEX ix_search_posts_vector ON search_posts USING gin (vector) WITH (fastupdate = off);

CREATE TABLE search_users (
    user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    vector tsvector NOT NULL
);
CREATE INDEX ix_search_users_vector ON search_users USING gin (vector);

CREATE FUNCTION search_posts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state = 'Visible' THEN
        INSERT INTO search_posts (post_id, vector)
        SELECT NEW.id, search_post_vector(CASE WHEN NEW.post_number = 1 THEN t.title END, NEW.body)
        FROM topics t WHERE t.id = NEW.topic_id
        ON CONFLICT (post_id) DO UPDATE SET vector = EXCLUDED.vector;
    ELSIF TG_OP = 'UPDATE' THEN
        DELETE FROM search_posts WHERE post_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER search_posts_sync AFTER INSERT OR UPDATE OF topic_id, post_number, body, state ON posts
FOR EACH ROW EXECUTE FUNCTION search_posts_sync();

CREATE FUNCTION search_topics_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_posts d SET vector = search_post_vector(NEW.title, p.body)
    FROM posts p WHERE p.topic_id = NEW.id AND p.post_number = 1 AND d.post_id = p.id;
    RETURN NULL;
END $$;

CREATE TRIGGER search_topics_sync AFTER UPDATE OF title ON topics
FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION search_topics_sync();

CREATE FUNCTION search_users_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_users (user_id, vector) VALUES (NEW.id, search_user_vector(NEW.user_name, NEW.display_name, NEW.bio))
    ON CONFLICT (user_id) DO UPDATE SET vector = EXCLUDED.vector;
    RETURN NULL;
END $$;

CREATE TRIGGER search_users_sync AFTER INSERT OR UPDATE OF user_name, display_name, bio ON users
FOR EACH ROW EXECUTE FUNCTION search_users_sync();

INSERT INTO search_posts (post_id, vector)
SELECT p.id, search_post_vector(CASE WHEN p.post_number = 1 THEN t.title END, p.body)
FROM posts p JOIN topics t ON t.id = p.topic_id WHERE p.state = 'Visible';

INSERT INTO search_users (user_id, vector)
SELECT id, search_user_vector(user_name, display_name, bio) FROM users;
